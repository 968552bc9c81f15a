using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>One input record: raw JSON bytes (JSON lines) or a decoded reading (CSV), with its label when the input has one.</summary>
internal readonly record struct InputRecord(byte[]? Json, Reading? Reading, bool? Label, long Line);

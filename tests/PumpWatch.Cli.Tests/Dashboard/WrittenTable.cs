namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>One Timestream table as the store writer wrote it: its column names (dimensions, measure values, time, measure_name) and measure names.</summary>
internal sealed record WrittenTable(string Name, IReadOnlySet<string> Columns, IReadOnlySet<string> Measures);

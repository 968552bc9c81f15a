using DuckDB.NET.Data;

namespace PumpWatch.Cli.Store;

/// <summary>Statements a state store runs on the writer's connection, in order with the rows handed over before them.</summary>
internal sealed record WriterWork(Func<DuckDBConnection, object?> Run, TaskCompletionSource<object?> Done);

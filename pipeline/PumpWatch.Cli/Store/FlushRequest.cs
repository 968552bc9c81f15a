namespace PumpWatch.Cli.Store;

/// <summary>Asks the writer to commit what it has and signal.</summary>
internal sealed record FlushRequest(TaskCompletionSource Done);

namespace PumpWatch.Cli.Store;

/// <summary>A row inserted one at a time (quarantine, alerts: rare): the SQL and its values.</summary>
internal sealed record SingleRow(string Sql, object?[] Values);

namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>
/// Input of Query: the SQL (1 to 262144 characters), and for later pages the NextToken of the page before together with
/// the same QueryString. ClientToken (32 to 128 characters) makes a query run idempotent; the official SDKs fill it with
/// a random UUID when absent, this client sends it only when given, so requests stay deterministic. MaxRows: 1 to 1000.
/// </summary>
public sealed record QueryRequest(string QueryString)
{
    public string? ClientToken { get; init; }

    public string? NextToken { get; init; }

    public int? MaxRows { get; init; }
}

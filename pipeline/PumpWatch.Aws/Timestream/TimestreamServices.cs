using PumpWatch.Aws.Http;

namespace PumpWatch.Aws.Timestream;

/// <summary>
/// The two Timestream services as the JSON protocol needs them, from their models' metadata (timestream-write and
/// timestream-query, both version 2018-11-01): awsJson1_0, target prefix <c>Timestream_20181101</c>, SigV4 signing
/// name <c>timestream</c>, endpoint prefixes <c>ingest.timestream</c> and <c>query.timestream</c>.
/// </summary>
internal static class TimestreamServices
{
    public static AwsServiceDescription Write { get; } = new("TimestreamWrite", "ingest.timestream", "timestream", "Timestream_20181101", "1.0");

    public static AwsServiceDescription Query { get; } = new("TimestreamQuery", "query.timestream", "timestream", "Timestream_20181101", "1.0");
}

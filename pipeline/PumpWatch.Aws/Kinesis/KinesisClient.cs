using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Aws.Kinesis;

/// <summary>
/// Kinesis Data Streams over AWSSDK.Core's credentials and SigV4 signer, speaking awsJson1_1 with
/// <c>X-Amz-Target: Kinesis_20131202.&lt;Operation&gt;</c> (metadata of the service model kinesis-2013-12-02).
/// </summary>
public sealed class KinesisClient : IKinesisClient
{
    private static readonly AwsServiceDescription Service = new("Kinesis", "kinesis", "kinesis", "Kinesis_20131202", "1.1");
    private static readonly KinesisJsonContext Json = KinesisJsonContext.Default;

    private readonly AwsJsonClient _client;

    /// <param name="http">One HttpClient per service, owned by the caller; its own Timeout should be infinite (attempts time out here).</param>
    /// <param name="options">Region, endpoint override, credentials, timeout and retry limits.</param>
    /// <param name="retry">Backoff with seeded jitter and the budget.</param>
    /// <param name="timeProvider">Clock for signing, latency and attempt timeouts.</param>
    /// <param name="logger">Receives one line per call.</param>
    public KinesisClient(HttpClient http, AwsClientOptions options, AwsRetryPolicy retry, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = new AwsJsonClient(http, options, Service, retry, timeProvider, logger ?? NullLogger.Instance);
    }

    public Task<CreateStreamResponse> CreateStreamAsync(CreateStreamRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("CreateStream", request, Json.CreateStreamRequest, Json.CreateStreamResponse, cancellationToken);

    public Task<DescribeStreamSummaryResponse> DescribeStreamSummaryAsync(DescribeStreamSummaryRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("DescribeStreamSummary", request, Json.DescribeStreamSummaryRequest, Json.DescribeStreamSummaryResponse, cancellationToken);

    public Task<ListShardsResponse> ListShardsAsync(ListShardsRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("ListShards", request, Json.ListShardsRequest, Json.ListShardsResponse, cancellationToken);

    public Task<GetShardIteratorResponse> GetShardIteratorAsync(GetShardIteratorRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("GetShardIterator", request, Json.GetShardIteratorRequest, Json.GetShardIteratorResponse, cancellationToken);

    public Task<GetRecordsResponse> GetRecordsAsync(GetRecordsRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("GetRecords", request, Json.GetRecordsRequest, Json.GetRecordsResponse, cancellationToken);

    public Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("PutRecords", request, Json.PutRecordsRequest, Json.PutRecordsResponse, cancellationToken);

    public Task<SplitShardResponse> SplitShardAsync(SplitShardRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("SplitShard", request, Json.SplitShardRequest, Json.SplitShardResponse, cancellationToken);

    public Task<MergeShardsResponse> MergeShardsAsync(MergeShardsRequest request, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync("MergeShards", request, Json.MergeShardsRequest, Json.MergeShardsResponse, cancellationToken);
}

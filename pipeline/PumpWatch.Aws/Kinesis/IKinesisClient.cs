using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Aws.Kinesis;

/// <summary>
/// The Kinesis Data Streams operations PumpWatch uses, named and shaped as in the official AWSSDK.Kinesis
/// (<c>IAmazonKinesis</c>), so moving to that package where NuGet serves it changes one file. Failures throw
/// <see cref="Http.AwsServiceException"/> once retries are spent.
/// </summary>
public interface IKinesisClient
{
    Task<CreateStreamResponse> CreateStreamAsync(CreateStreamRequest request, CancellationToken cancellationToken = default);

    Task<DescribeStreamSummaryResponse> DescribeStreamSummaryAsync(DescribeStreamSummaryRequest request, CancellationToken cancellationToken = default);

    Task<ListShardsResponse> ListShardsAsync(ListShardsRequest request, CancellationToken cancellationToken = default);

    Task<GetShardIteratorResponse> GetShardIteratorAsync(GetShardIteratorRequest request, CancellationToken cancellationToken = default);

    Task<GetRecordsResponse> GetRecordsAsync(GetRecordsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Puts up to 500 records. A partly failed call does not throw: failed entries carry an ErrorCode (see <see cref="KinesisPutBatcher"/>).</summary>
    Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default);

    Task<SplitShardResponse> SplitShardAsync(SplitShardRequest request, CancellationToken cancellationToken = default);

    Task<MergeShardsResponse> MergeShardsAsync(MergeShardsRequest request, CancellationToken cancellationToken = default);
}

using System.Text.Json.Serialization;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Aws.Kinesis;

/// <summary>Source-generated JSON for every Kinesis request and response (no reflection: the Lambda is AOT).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(CreateStreamRequest))]
[JsonSerializable(typeof(CreateStreamResponse))]
[JsonSerializable(typeof(DescribeStreamSummaryRequest))]
[JsonSerializable(typeof(DescribeStreamSummaryResponse))]
[JsonSerializable(typeof(ListShardsRequest))]
[JsonSerializable(typeof(ListShardsResponse))]
[JsonSerializable(typeof(GetShardIteratorRequest))]
[JsonSerializable(typeof(GetShardIteratorResponse))]
[JsonSerializable(typeof(GetRecordsRequest))]
[JsonSerializable(typeof(GetRecordsResponse))]
[JsonSerializable(typeof(PutRecordsRequest))]
[JsonSerializable(typeof(PutRecordsResponse))]
[JsonSerializable(typeof(SplitShardRequest))]
[JsonSerializable(typeof(SplitShardResponse))]
[JsonSerializable(typeof(MergeShardsRequest))]
[JsonSerializable(typeof(MergeShardsResponse))]
internal sealed partial class KinesisJsonContext : JsonSerializerContext;

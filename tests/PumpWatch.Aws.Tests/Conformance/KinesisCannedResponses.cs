using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Kinesis answers written from the service model kinesis-2013-12-02 (output and error shapes), with values shaped as
/// the service sends them: 56-digit sequence numbers, 128-bit hash keys as decimal strings, timestamps as epoch seconds
/// with a fraction, sometimes in exponent form (1.767225600123E9), errors with <c>__type</c> and <c>message</c>.
/// </summary>
internal static class KinesisCannedResponses
{
    public const string StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/pumps";
    public const string Seq0 = "49590338271490256608559692538361571095921575989136588898";
    public const string Seq1 = "49590338271490256608559692540925702759324208523137515618";
    public const string Seq2 = "49590338271490256608559692541065436747779571282425389154";
    public const string MaxHashKey = "340282366920938463463374607431768211455";
    public const string HalfHashKey = "170141183460469231731687303715884105727";

    // ff 00 c3 28 80 7b: not UTF-8 (a lone 0xFF, an invalid continuation after 0xC3, a stray continuation byte 0x80).
    public const string NotUtf8Base64 = "/wDDKIB7";

    public static FakeResponse PutRecordsPartlyFailed { get; } = Ok("""
        {"FailedRecordCount":1,"EncryptionType":"KMS","Records":[
          {"SequenceNumber":"49590338271490256608559692538361571095921575989136588898","ShardId":"shardId-000000000000"},
          {"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard shardId-000000000001 in stream pumps under account 123456789012."},
          {"SequenceNumber":"49590338271490256608559692540925702759324208523137515618","ShardId":"shardId-000000000001"},
          {"ErrorCode":"InternalFailure","ErrorMessage":"Internal service failure."}]}
        """);

    /// <summary>The last page of a closed shard: no NextShardIterator (sent as null), and the children to read next.</summary>
    public static FakeResponse GetRecordsAtShardEnd { get; } = Ok("""
        {"Records":[
          {"SequenceNumber":"49590338271490256608559692538361571095921575989136588898","ApproximateArrivalTimestamp":1.767225600123E9,
           "Data":"/wDDKIB7","PartitionKey":"pump-07","EncryptionType":"NONE"},
          {"SequenceNumber":"49590338271490256608559692540925702759324208523137515618","ApproximateArrivalTimestamp":1767225601.5,
           "Data":"eyJwdW1wX2lkIjoicC0xIn0=","PartitionKey":"pump-\u00fc"},
          {"SequenceNumber":"49590338271490256608559692541065436747779571282425389154","ApproximateArrivalTimestamp":1767225602,
           "Data":"","PartitionKey":"pump-08"}],
         "NextShardIterator":null,"MillisBehindLatest":0,
         "ChildShards":[
          {"ShardId":"shardId-000000000002","ParentShards":["shardId-000000000000"],"HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"85070591730234615865843651857942052863"}},
          {"ShardId":"shardId-000000000003","ParentShards":["shardId-000000000000","shardId-000000000001"],"HashKeyRange":{"StartingHashKey":"85070591730234615865843651857942052864","EndingHashKey":"170141183460469231731687303715884105727"}}]}
        """);

    public static FakeResponse ShardIterator { get; } = Ok("""
        {"ShardIterator":"AAAAAAAAAAETYyAYzd665+8e0X7JTsASDM/Hr2rSwc0X2qz93iuA3udrjTH+ikQvpQk/1ZcMMLzRdAesqwBGPnsthzU0/CBlM/U8/8oEqGwX3pKw0XyeDNRAAZyXBo3MqkQtCpXhr942BRTjvWKhFz7OmCb2Ncfr8Tl2cBktooi6kJhr+djN5WYkB38Rr3akRgCl9qaU4dY="}
        """);

    /// <summary>A first page: a closed parent (EndingSequenceNumber) and a merged child of two parents, and a token.</summary>
    public static FakeResponse ShardsFirstPage { get; } = Ok("""
        {"Shards":[
          {"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"170141183460469231731687303715884105727"},
           "SequenceNumberRange":{"StartingSequenceNumber":"49590338271490256608559692538361571095921575989136588898","EndingSequenceNumber":"49590338271501406981158957849931130029238348455713128450"}},
          {"ShardId":"shardId-000000000002","ParentShardId":"shardId-000000000000","AdjacentParentShardId":"shardId-000000000001",
           "HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},
           "SequenceNumberRange":{"StartingSequenceNumber":"49590338271512557353758223161500688962555120922289668130"}}],
         "NextToken":"AAAAAAAAAAGK9EEG+nBhKTdgazRnT9zWN0bSh6MV3RwWM4B+0w2mWSvOvAW8BCohQ7Q9CWCNOjtu3wVUPUzy6x8qWz38zDmUkdnM+HT1OGIq5vhUQgBqDBsWA8WP9Fsm8iSMNcLpeMKkJ3kNRGN2M5rXvXwVYnkUkSBAtxfSIP3Zu9dLsb0PXnVfh7D1+dfCzQ=="}
        """);

    public static FakeResponse ShardsLastPage { get; } = Ok("""
        {"Shards":[
          {"ShardId":"shardId-000000000003","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},
           "SequenceNumberRange":{"StartingSequenceNumber":"49590338271523707726357488473070247895871893388866207794"}}]}
        """);

    /// <summary>Every member of StreamDescriptionSummary, StreamId, WarmThroughput and MaxRecordSizeInKiB included.</summary>
    public static FakeResponse StreamSummary { get; } = Ok("""
        {"StreamDescriptionSummary":{"StreamName":"pumps","StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/pumps",
          "StreamId":"abcdefghij0123456789-abc","StreamStatus":"ACTIVE","StreamModeDetails":{"StreamMode":"PROVISIONED"},
          "RetentionPeriodHours":24,"StreamCreationTimestamp":1.700000000E9,
          "EnhancedMonitoring":[{"ShardLevelMetrics":["IncomingBytes","IteratorAgeMilliseconds"]}],
          "EncryptionType":"KMS","KeyId":"alias/aws/kinesis","OpenShardCount":4,"ConsumerCount":1,
          "WarmThroughput":{"TargetMiBps":10,"CurrentMiBps":8},"MaxRecordSizeInKiB":1024}}
        """);

    /// <summary>CreateStream has no output shape; the service answers 200 with an empty body.</summary>
    public static FakeResponse Empty { get; } = Ok("");

    public static FakeResponse ProvisionedThroughputExceeded { get; } = FakeResponse.Json(400, """
        {"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded for Shard - 123456789012/pumps/shardId-000000000000"}
        """, "req-ptee");

    /// <summary>With the Smithy namespace before '#', as some services send it; both clients keep what follows.</summary>
    public static FakeResponse ResourceNotFound { get; } = FakeResponse.Json(400, """
        {"__type":"com.amazonaws.kinesis.v20131202#ResourceNotFoundException","message":"Stream pumps under account 123456789012 not found."}
        """, "req-rnf");

    public static FakeResponse InternalFailure { get; } = FakeResponse.Json(500, """
        {"__type":"InternalFailureException","message":"Internal service failure."}
        """, "req-500");

    /// <summary>A 500 with no body at all, as a load balancer in front of the service may answer.</summary>
    public static FakeResponse EmptyServerError { get; } = FakeResponse.Json(500, "", "req-500-empty");

    /// <summary>The code only in x-amzn-ErrorType, with the ':' suffix the service appends there; the body has only a message.</summary>
    public static FakeResponse ResourceInUseInHeaderOnly { get; } = new(400, """{"message":"Stream pumps under account 123456789012 already exists."}""", new Dictionary<string, string>
    {
        ["x-amzn-RequestId"] = "req-in-use",
        ["x-amzn-ErrorType"] = "ResourceInUseException:http://internal.amazon.com/coral/com.amazonaws.kinesis.v20131202/",
    });

    /// <summary>
    /// A body naming the error twice, <c>code</c> before <c>__type</c>: the JS SDK's awsJson order is __type, then code,
    /// then the x-amzn-ErrorType header (@smithy/core loadJsonRpcErrorCode), whatever the members' order in the body.
    /// </summary>
    public static FakeResponse CodeAndTypeDisagree { get; } = FakeResponse.Json(400, """
        {"code":"ValidationException","__type":"com.amazonaws.kinesis.v20131202#InvalidArgumentException","message":"ShardCount must be at least 1."}
        """, "req-invalid");

    private static FakeResponse Ok(string body) => FakeResponse.Json(200, body, "req-ok");
}

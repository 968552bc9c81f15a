using System.Text.Json.Serialization;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Query.Model;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream;

/// <summary>
/// Source-generated JSON for every Timestream request and response, of both services (no reflection: the Lambda is AOT).
/// Properties are written in declaration order, which follows the models, so a request's bytes depend only on its values.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(DescribeEndpointsRequest))]
[JsonSerializable(typeof(DescribeEndpointsResponse))]
[JsonSerializable(typeof(WriteRecordsRequest))]
[JsonSerializable(typeof(WriteRecordsResponse))]
[JsonSerializable(typeof(RejectedRecordsError))]
[JsonSerializable(typeof(CreateDatabaseRequest))]
[JsonSerializable(typeof(CreateDatabaseResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(CreateTableResponse))]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryResponse))]
internal sealed partial class TimestreamJsonContext : JsonSerializerContext;

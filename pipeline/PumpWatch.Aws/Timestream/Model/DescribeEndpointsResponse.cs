namespace PumpWatch.Aws.Timestream.Model;

/// <summary>Output of DescribeEndpoints (both Timestream services): the endpoints to call, each with its cache period.</summary>
public sealed record DescribeEndpointsResponse(IReadOnlyList<Endpoint> Endpoints);

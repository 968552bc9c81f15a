namespace PumpWatch.Aws.Timestream.Model;

/// <summary>Input of DescribeEndpoints: the shape has no members in either Timestream model, so it serialises as <c>{}</c>.</summary>
public sealed record DescribeEndpointsRequest;

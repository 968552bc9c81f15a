namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of DescribeStreamSummary: the stream by name or ARN.</summary>
public sealed record DescribeStreamSummaryRequest
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }
}

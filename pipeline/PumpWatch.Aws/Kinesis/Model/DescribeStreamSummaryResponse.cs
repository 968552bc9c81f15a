namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Output of DescribeStreamSummary.</summary>
public sealed record DescribeStreamSummaryResponse(StreamDescriptionSummary StreamDescriptionSummary);

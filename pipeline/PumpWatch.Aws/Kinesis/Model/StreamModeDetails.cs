namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Capacity mode of a stream: <c>PROVISIONED</c> or <c>ON_DEMAND</c> (shape StreamModeDetails).</summary>
public sealed record StreamModeDetails(string StreamMode);

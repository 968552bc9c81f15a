namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>CreateStream has no output shape; the call either succeeds or throws.</summary>
public sealed record CreateStreamResponse;

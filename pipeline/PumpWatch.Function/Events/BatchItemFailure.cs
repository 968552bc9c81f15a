namespace PumpWatch.Function.Events;

/// <summary>A record that failed, named by its sequence number.</summary>
public sealed record BatchItemFailure(string ItemIdentifier);

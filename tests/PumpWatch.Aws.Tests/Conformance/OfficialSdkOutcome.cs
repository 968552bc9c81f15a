namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>What one call through the official JavaScript SDK gave: the parsed output (blobs and dates tagged, see <see cref="ShapeJson"/>) or a service error.</summary>
internal sealed record OfficialSdkOutcome(System.Text.Json.Nodes.JsonObject? Output, OfficialSdkError? Error);

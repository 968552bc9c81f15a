using System.Text.Json.Nodes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// A service error as the official JavaScript SDK raised it. <see cref="Code"/> is the wire code (for the query
/// protocol the XML's Code, e.g. <c>NotFound</c>, where <see cref="Name"/> is the shape's name <c>NotFoundException</c>).
/// <see cref="Members"/> holds the error shape's own members (e.g. Timestream's RejectedRecords).
/// </summary>
internal sealed record OfficialSdkError(string Name, string Code, string Message, string Fault, int HttpStatusCode, string? RequestId, JsonObject Members);

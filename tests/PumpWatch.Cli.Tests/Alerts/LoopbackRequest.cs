namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>A request as <see cref="LoopbackHttpServer"/> received it (header names in lower case).</summary>
internal sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.S3;

/// <summary>A test against s3rver: skipped with one line when it is not installed here, never skipped in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class S3rverFactAttribute() : LocalServerFactAttribute("s3rver");

using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>A test against kinesalite: skipped with one line when it is not installed here, never skipped in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KinesaliteFactAttribute() : LocalServerFactAttribute("kinesalite");

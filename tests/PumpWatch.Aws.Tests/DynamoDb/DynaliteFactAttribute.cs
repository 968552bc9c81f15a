using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>A test against dynalite: skipped with one line when it is not installed here, never skipped in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DynaliteFactAttribute() : LocalServerFactAttribute("dynalite");

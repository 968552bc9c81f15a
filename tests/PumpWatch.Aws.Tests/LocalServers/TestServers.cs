using System.Reflection;

namespace PumpWatch.Aws.Tests.LocalServers;

/// <summary>Where the npm-installed local servers and the official SDK are, and whether a test may skip when one is missing.</summary>
internal static class TestServers
{
    public static string Directory { get; } = typeof(TestServers).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ServersDirectory").Value!;

    /// <summary>CI must fail rather than skip: a skipped server test there would hide a missing install step.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the npm package <paramref name="package"/> (e.g. <c>dynalite</c>, <c>@aws-sdk/client-kinesis</c>) is installed.</summary>
    public static bool IsInstalled(string package) => System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package));

    /// <summary>Null (run) when <paramref name="package"/> is installed or under CI, else the one-line reason to skip.</summary>
    public static string? SkipReasonFor(string package) => IsInstalled(package) || InCi
        ? null
        : $"{package} is not installed: run ./test.sh or npm ci --prefix {Directory} --no-audit --no-fund --omit=optional";
}

using System.Reflection;

namespace PumpWatch.Aws.Tests.LocalServers;

/// <summary>Where the npm-installed local servers are, and whether a test may skip when one is missing.</summary>
internal static class TestServers
{
    public static string Directory { get; } = typeof(TestServers).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ServersDirectory").Value!;

    /// <summary>Whether the npm package <paramref name="package"/> is installed beside the server scripts.</summary>
    public static bool Installed(string package) => System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package));

    /// <summary>CI must fail rather than skip: a skipped server test there would hide a missing install step.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when tests of <paramref name="package"/> must run; otherwise the one line a skipped test shows.</summary>
    public static string? SkipReason(string package) => Installed(package) || InCi
        ? null
        : $"{package} is not installed: run ./test.sh or npm ci --prefix {Directory} --no-audit --no-fund --omit=optional";
}

namespace PumpWatch.Testing;

/// <summary>
/// Finds <c>shared/data</c> (the ODDS benchmark sets and the NAB series) beside the repository, as CI lays it out: the
/// data is not in the repository, so a clone on its own has none, and the tests that need it say so and skip.
/// </summary>
public static class SharedDataFiles
{
    /// <summary>The folder, or null when there is none above the test binaries.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>Why a test that needs the data is skipped here; null when the data is there, or under CI, where its absence must fail.</summary>
    public static string? SkipReason =>
        Folder is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "needs ../shared/data beside the repository (the ODDS benchmark sets); not found above the test binaries";

    /// <summary>The path of a file under shared/data.</summary>
    /// <exception cref="FileNotFoundException">The data or the file is not there.</exception>
    public static string Path(params string[] parts)
    {
        var path = Folder is null ? null : System.IO.Path.Combine([Folder, .. parts]);
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"shared/data/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

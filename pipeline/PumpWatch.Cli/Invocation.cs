namespace PumpWatch.Cli;

/// <summary>
/// How the user ran this command, so that hints ("look inside with ... query") can be pasted back as they are:
/// <c>pumpwatch</c> when installed as a .NET tool, <c>dotnet run --project pipeline/PumpWatch.Cli --</c> from the
/// repository, or <c>dotnet path/pumpwatch.dll</c>. Decided once, in the composition root.
/// </summary>
internal sealed record Invocation(string Prefix)
{
    /// <summary>The plain command name, for tests and when nothing better is known.</summary>
    public static Invocation Default { get; } = new("pumpwatch");

    /// <param name="processPath">The running executable (dotnet, or the tool's own launcher).</param>
    /// <param name="assemblyFolder">Where pumpwatch.dll lies.</param>
    /// <param name="currentFolder">The user's working folder.</param>
    /// <param name="searchPath">The PATH variable.</param>
    public static Invocation Detect(string? processPath, string assemblyFolder, string currentFolder, string? searchPath)
    {
        ArgumentNullException.ThrowIfNull(assemblyFolder);
        ArgumentNullException.ThrowIfNull(currentFolder);
        var name = Path.GetFileNameWithoutExtension(processPath ?? "");
        var project = Path.Combine(currentFolder, "pipeline", "PumpWatch.Cli");

        // `dotnet run` starts the build output's launcher (or dotnet itself): from the repository, say it that way.
        var builtHere = Path.GetFullPath(assemblyFolder).StartsWith(Path.Combine(project, "bin") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (File.Exists(Path.Combine(project, "PumpWatch.Cli.csproj")) && (builtHere || name == "dotnet"))
        {
            return new("dotnet run --project pipeline/PumpWatch.Cli --");
        }

        if (name == "dotnet")
        {
            return new($"dotnet {Path.Combine(assemblyFolder, "pumpwatch.dll")}");
        }

        var folder = Path.GetDirectoryName(processPath ?? "");
        var onPath = folder is not null && (searchPath ?? "").Split(Path.PathSeparator).Any(p => Path.TrimEndingDirectorySeparator(p) == Path.TrimEndingDirectorySeparator(folder));
        return onPath || processPath is null ? new(name.Length > 0 ? name : "pumpwatch") : new(processPath);
    }

    /// <summary>A command line for <paramref name="arguments"/> in the user's form.</summary>
    public string Command(string arguments) => $"{Prefix} {arguments}";
}

namespace PumpWatch.Cli.Tests;

/// <summary>Hints name the command as the user ran it: from the repository, as a built dll, or as an installed tool.</summary>
public sealed class InvocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-invocation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Detect_DotnetInTheRepository_IsDotnetRunProject()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "pipeline", "PumpWatch.Cli"));
        File.WriteAllText(Path.Combine(_folder, "pipeline", "PumpWatch.Cli", "PumpWatch.Cli.csproj"), "<Project />");
        var invocation = Invocation.Detect("/usr/share/dotnet/dotnet", "/build/bin", _folder, "/usr/bin");
        Assert.Equal("dotnet run --project pipeline/PumpWatch.Cli -- query", invocation.Command("query"));
    }

    [Fact]
    public void Detect_TheBuildOutputsLauncherInTheRepository_IsDotnetRunProject()
    {
        // `dotnet run` starts bin/<config>/<tfm>/<rid>/pumpwatch, the launcher beside the dll.
        Directory.CreateDirectory(Path.Combine(_folder, "pipeline", "PumpWatch.Cli"));
        File.WriteAllText(Path.Combine(_folder, "pipeline", "PumpWatch.Cli", "PumpWatch.Cli.csproj"), "<Project />");
        var output = Path.Combine(_folder, "pipeline", "PumpWatch.Cli", "bin", "Debug", "net10.0", "linux-x64");
        var invocation = Invocation.Detect(Path.Combine(output, "pumpwatch"), output + "/", _folder, "/usr/bin");
        Assert.Equal("dotnet run --project pipeline/PumpWatch.Cli -- demo", invocation.Command("demo"));
    }

    [Fact]
    public void Detect_DotnetElsewhere_NamesTheDll() =>
        Assert.Equal("dotnet /build/bin/pumpwatch.dll demo", Invocation.Detect("/usr/share/dotnet/dotnet", "/build/bin", _folder, "/usr/bin").Command("demo"));

    [Fact]
    public void Detect_InstalledToolOnThePath_IsItsName() =>
        Assert.Equal("pumpwatch demo", Invocation.Detect("/root/.dotnet/tools/pumpwatch", "/x", _folder, "/usr/bin:/root/.dotnet/tools").Command("demo"));

    [Fact]
    public void Detect_ToolOffThePath_IsItsFullPath() =>
        Assert.Equal("/opt/pw/pumpwatch demo", Invocation.Detect("/opt/pw/pumpwatch", "/x", _folder, "/usr/bin").Command("demo"));
}

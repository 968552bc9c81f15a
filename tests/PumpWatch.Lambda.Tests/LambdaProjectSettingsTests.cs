using System.Reflection;
using System.Xml.Linq;

namespace PumpWatch.Lambda.Tests;

/// <summary>
/// The Lambda project's build settings that deployment depends on. With them, the ordinary build (warnings as errors)
/// is also the check that the code has no trimming or AOT warnings; the Native AOT publish itself is too slow for the
/// test run and is done by build-zip.sh.
/// </summary>
public sealed class LambdaProjectSettingsTests
{
    private static readonly string ProjectDirectory = typeof(LambdaProjectSettingsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LambdaProjectDirectory").Value!;

    private static string Property(string name) =>
        XDocument.Load(Path.Combine(ProjectDirectory, "PumpWatch.Lambda.csproj")).Descendants(name).Single().Value;

    [Theory]
    [InlineData("OutputType", "Exe")]
    [InlineData("AssemblyName", "bootstrap")] // provided.al2023 runs the file named bootstrap at the zip root
    [InlineData("PublishAot", "true")]
    [InlineData("EnableAotAnalyzer", "true")]
    [InlineData("EnableTrimAnalyzer", "true")]
    [InlineData("JsonSerializerIsReflectionEnabledByDefault", "false")]
    public void The_project_builds_an_analyzed_native_bootstrap(string name, string value) => Assert.Equal(value, Property(name));
}

using System.Text.RegularExpressions;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>Where <c>--sink kinesis</c> puts records: the stream, its region and an endpoint override for a local server.</summary>
internal sealed partial record KinesisSinkSettings(string StreamName, string Region, Uri? Endpoint)
{
    /// <summary>Whether Kinesis takes <paramref name="name"/>: shape StreamName of the service model kinesis-2013-12-02 (1-128 of [a-zA-Z0-9_.-]).</summary>
    public static bool IsStreamName(string name) => name.Length is >= 1 and <= 128 && StreamNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StreamNamePattern();
}

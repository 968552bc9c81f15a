using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>One message a simulated pump sends: a reading, or (at the malformed rate) a broken line in its place.</summary>
public readonly record struct SimulatedRecord(Reading Reading, string? MalformedLine)
{
    /// <summary>The line as the device would publish it.</summary>
    public string ToLine() => MalformedLine ?? ReadingJson.ToLine(Reading);
}

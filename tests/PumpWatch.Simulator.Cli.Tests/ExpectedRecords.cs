using System.Globalization;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Cli.Tests;

/// <summary>
/// A small simulation, as command-line arguments and as the records the simulator library makes for them (the content is
/// the library's, tested in PumpWatch.Simulator.Tests; these tests check that a sink delivers it unchanged).
/// </summary>
internal sealed record ExpectedRecords(int Pumps, TimeSpan Duration, int Seed, double MalformedRate)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public string[] Arguments =>
    [
        "--pumps", Pumps.ToString(CultureInfo.InvariantCulture),
        "--start", "2026-05-01T00:00:00Z",
        "--interval", "1s",
        "--duration", string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalSeconds}s"),
        "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        "--malformed-rate", MalformedRate.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Each message in the order the simulator makes them, with the pump that sends it and whether it is malformed.</summary>
    public IReadOnlyList<(string PumpId, string Line, bool Malformed)> Records() =>
        [.. new PumpSimulator(new SimulatorOptions(Pumps, TimeSpan.FromSeconds(1), Start, Duration, Seed, MalformedRate)).Generate()
            .Select(r => (r.Reading.PumpId, r.ToLine(), r.MalformedLine is not null))];
}

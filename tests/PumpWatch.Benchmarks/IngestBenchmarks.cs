using System.Text;
using BenchmarkDotNet.Attributes;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;
using PumpWatch.Simulator;

namespace PumpWatch.Benchmarks;

/// <summary>Decode + validate + aggregate into one-minute tumbling windows. Target: at least 1,000,000 readings/s on one core, 0 bytes allocated per reading.</summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Readings = 100_000;
    private byte[][] _lines = [];
    private ReadingParser _parser = null!;
    private Windower _windower = null!;
    private ParsedReading _reading = null!;
    private long _offset;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SimulatorOptions(10, TimeSpan.FromSeconds(1), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(Readings / 10), 1, 0, []);
        _lines = new PumpSimulator(options).Generate().Select(r => Encoding.UTF8.GetBytes(r.ToLine())).ToArray();
        var catalog = new SensorCatalog();
        _parser = new ReadingParser(catalog, new PumpIdTable());
        _windower = new Windower(WindowOptions.Tumbling(TimeSpan.FromMinutes(1)), catalog);
        _reading = new ParsedReading();
        Run(); // warm the pump tables and pools
    }

    /// <summary>One operation = <see cref="Readings"/> readings; divide the time by it for per-reading cost.</summary>
    [Benchmark(OperationsPerInvoke = Readings)]
    public long DecodeValidateAggregate() => Run();

    private long Run()
    {
        long accepted = 0;
        foreach (var line in _lines)
        {
            if (_parser.Parse(line, _reading, long.MaxValue).IsValid)
            {
                // Shift time forward each pass so the windower keeps accepting (replay of a longer stream).
                _reading.Timestamp += _offset;
                accepted += _windower.Add(_reading) == WindowAdmission.Accepted ? 1 : 0;
                _windower.Release();
            }
        }

        _offset += (long)Readings / 10 * 1_000_000;
        return accepted;
    }
}

using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Tests.Windows;

/// <summary>
/// The stream's watermark closes the windows of a pump that stopped sending, and only of such a pump: the expected
/// windows are written out by hand from the window size (60 s), the lateness (5 s) and the readings' timestamps.
/// </summary>
public sealed class StreamWatermarkTests
{
    private const long Second = 1_000_000;
    private static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly WindowOptions Minute = WindowOptions.Tumbling(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

    private static (Windower Windower, ParsedReading Buffer, SensorCatalog Catalog) Create()
    {
        var catalog = new SensorCatalog();
        return (new Windower(Minute, catalog), new ParsedReading(), catalog);
    }

    private static WindowAdmission Add(Windower windower, ParsedReading buffer, SensorCatalog catalog, string pump, long second)
    {
        new Reading(pump, T0 + (second * Second), [new("vibration", 1.5)]).CopyTo(buffer, catalog);
        return windower.Add(buffer);
    }

    private static List<(string Pump, long StartSecond, long Count)> Drain(Windower windower)
    {
        var closed = windower.Closed.Select(w => (w.PumpId, (w.Start - T0) / Second, (long)w.Count)).ToList();
        windower.Release();
        return closed;
    }

    [Fact]
    public void SilentPump_ItsLastWindowClosesOnceTheStreamIsLatenessPastItsEnd()
    {
        var (windower, buffer, catalog) = Create();
        var closed = new List<(string Pump, long StartSecond, long Count)>();
        long? closedAtSecond = null;
        for (var s = 0; s < 200; s++)
        {
            if (s <= 90)
            {
                Add(windower, buffer, catalog, "A", s);
            }

            Add(windower, buffer, catalog, "B", s);
            var now = Drain(windower);
            if (closedAtSecond is null && now.Any(w => w.Pump == "A" && w.StartSecond == 60))
            {
                closedAtSecond = s;
            }

            closed.AddRange(now);
        }

        // A sent seconds 60..90 of its second minute (31 readings) and then nothing.
        Assert.Contains(("A", 60L, 31L), closed);
        // [60 s, 120 s) may close once stream time - 5 s + 1 us reaches 120 s, i.e. at 125 s; idle pumps are swept
        // once per second of stream time, so at 125 s or 126 s.
        Assert.InRange(closedAtSecond!.Value, 125, 126);
        // B's own windows closed by its own readings: [0,60), [60,120) with 60 readings each.
        Assert.Contains(("B", 0L, 60L), closed);
        Assert.Contains(("B", 60L, 60L), closed);
    }

    [Fact]
    public void AfterTheWatermarkClosedAWindow_AReadingForIt_IsLate()
    {
        var (windower, buffer, catalog) = Create();
        for (var s = 0; s <= 130; s++)
        {
            if (s <= 90)
            {
                Add(windower, buffer, catalog, "A", s);
            }

            Add(windower, buffer, catalog, "B", s);
        }

        // A's [60, 120) window is closed, so 100 s can no longer be merged into it; 125 s opens A's next window.
        Assert.Equal(WindowAdmission.Late, Add(windower, buffer, catalog, "A", 100));
        Assert.Equal(WindowAdmission.Accepted, Add(windower, buffer, catalog, "A", 125));
    }

    [Fact]
    public void FileSortedByPump_EachPumpInTurn_ClosesNoWindowEarly()
    {
        var (windower, buffer, catalog) = Create();
        var closed = new List<(string Pump, long StartSecond, long Count)>();
        foreach (var pump in new[] { "A", "B", "C" })
        {
            for (var s = 0; s < 600; s++)
            {
                Assert.Equal(WindowAdmission.Accepted, Add(windower, buffer, catalog, pump, s));
                closed.AddRange(Drain(windower));
            }
        }

        windower.CloseAll();
        closed.AddRange(Drain(windower));
        // Ten full minutes per pump, every window with all its 60 readings.
        Assert.Equal(30, closed.Count);
        Assert.All(closed, w => Assert.Equal(60L, w.Count));
    }
}

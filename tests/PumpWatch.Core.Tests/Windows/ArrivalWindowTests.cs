using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Tests.Windows;

/// <summary>
/// Windows chosen by the host (a Kinesis tumbling window: bounds from arrival time, closed on the final invoke). The
/// expected windows are written down from the definition: every reading that arrives while the host window is set joins
/// it, whatever its event time; nothing closes until the host closes it.
/// </summary>
public sealed class ArrivalWindowTests
{
    private const long Second = 1_000_000;
    private static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private static readonly WindowOptions Minute = WindowOptions.Tumbling(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

    private static WindowAdmission Add(Windower windower, string pump, long offsetSeconds, double vibration)
    {
        var buffer = new ParsedReading();
        new Reading(pump, T0 + (offsetSeconds * Second), [new("vibration", vibration)]).CopyTo(buffer, windower.Catalog);
        return windower.Add(buffer);
    }

    [Fact]
    public void ReadingsArrivingInAHostWindow_JoinIt_AcrossEventTimeBoundaries_AndCloseOnlyWhenTheHostSays()
    {
        var windower = new Windower(Minute, new SensorCatalog());
        // The host window is 12:05:00-12:06:00 of arrival time; the readings carry event times 12:00:50..12:01:20, across
        // the 12:01 event-time boundary and more than the 5 s lateness apart: event time would close [12:00, 12:01).
        windower.Arrival = new ArrivalWindow(T0 + (300 * Second), T0 + (360 * Second));
        for (var s = 50; s <= 80; s++)
        {
            Assert.Equal(WindowAdmission.Accepted, Add(windower, "7", s, s));
        }

        Assert.Empty(windower.Closed);
        windower.CloseAll();
        var window = Assert.Single(windower.Closed);
        Assert.Equal((T0 + (300 * Second), T0 + (360 * Second), 31), (window.Start, window.End, window.Count));
        ref readonly var vibration = ref window.Sensor(windower.Catalog.GetOrAdd("vibration"));
        Assert.Equal((T0 + (50 * Second), T0 + (80 * Second)), (vibration.FirstTime, vibration.LastTime));
        Assert.Equal((50.0, 80.0, 65.0), (vibration.Min, vibration.Max, vibration.Mean));
    }

    [Fact]
    public void AfterTheHostClosesAWindow_ReadingsBeforeItsNewest_AreLate_AndRedeliveriesAreDuplicates()
    {
        var windower = new Windower(Minute, new SensorCatalog());
        windower.Arrival = new ArrivalWindow(T0, T0 + (60 * Second));
        Assert.Equal(WindowAdmission.Accepted, Add(windower, "1", 10, 1));
        Assert.Equal(WindowAdmission.Accepted, Add(windower, "1", 12, 1));
        Assert.Equal(WindowAdmission.Duplicate, Add(windower, "1", 10, 1));
        windower.CloseAll();
        windower.Release();

        windower.Arrival = new ArrivalWindow(T0 + (60 * Second), T0 + (120 * Second));
        Assert.Equal(WindowAdmission.Duplicate, Add(windower, "1", 12, 1)); // the pump's newest reading, redelivered
        Assert.Equal(WindowAdmission.Late, Add(windower, "1", 11, 1)); // within the lateness, but its window is scored
        Assert.Equal(WindowAdmission.Accepted, Add(windower, "1", 13, 1));
    }

    [Fact]
    public void AWindowWhoseFinalInvokeNeverCame_ClosesWhenTheNextHostWindowBrings_ThatPumpsFirstReading()
    {
        var windower = new Windower(Minute, new SensorCatalog());
        windower.Arrival = new ArrivalWindow(T0, T0 + (60 * Second));
        Add(windower, "1", 1, 1);
        Add(windower, "1", 2, 1);
        Add(windower, "2", 2, 1);
        windower.Arrival = new ArrivalWindow(T0 + (60 * Second), T0 + (120 * Second));
        Assert.Equal(WindowAdmission.Accepted, Add(windower, "1", 3, 1));
        var closed = Assert.Single(windower.Closed);
        Assert.Equal(("1", T0, 2), (closed.PumpId, closed.Start, closed.Count));
    }

    [Fact]
    public void State_CarriesAnOpenArrivalWindow_ToAnotherWindower()
    {
        var catalog = new SensorCatalog();
        var first = new Windower(Minute, catalog);
        var host = new ArrivalWindow(T0, T0 + (60 * Second));
        first.Arrival = host;
        for (var s = 0; s < 30; s++)
        {
            Add(first, "1", s, s);
        }

        var second = new Windower(Minute, catalog) { Arrival = host };
        second.LoadState("1", first.SaveState("1")!);
        Assert.Equal(WindowAdmission.Duplicate, Add(second, "1", 29, 29));
        for (var s = 30; s < 60; s++)
        {
            Assert.Equal(WindowAdmission.Accepted, Add(second, "1", s, s));
        }

        Assert.Empty(second.Closed);
        second.CloseAll();
        var window = Assert.Single(second.Closed);
        Assert.Equal((T0, T0 + (60 * Second), 60), (window.Start, window.End, window.Count));
    }

    [Fact]
    public void Arrival_WithHoppingWindows_IsRefused()
    {
        var windower = new Windower(WindowOptions.Hopping(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)), new SensorCatalog());
        Assert.Throws<InvalidOperationException>(() => windower.Arrival = new ArrivalWindow(T0, T0 + Second));
    }
}

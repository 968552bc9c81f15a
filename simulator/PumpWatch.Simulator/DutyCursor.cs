namespace PumpWatch.Simulator;

/// <summary>
/// One pump's walk through its <see cref="OperatingPlan"/> in time order: whether it runs, at what load, and which
/// swapped sensors read an offset. Time only moves forward, so each lookup is a step along sorted lists.
/// </summary>
internal sealed class DutyCursor
{
    private readonly HealthyEvent[] _stops;
    private readonly HealthyEvent[] _loads;
    private readonly HealthyEvent[] _swaps;
    private readonly SiteAmbient _ambient;
    private int _stop;
    private int _load = -1;

    public DutyCursor(OperatingPlan plan, string pumpId)
    {
        var mine = plan.Events.Where(e => e.PumpId == pumpId).ToList();
        _stops = [.. mine.Where(e => e.Kind is HealthyEventKind.Stop or HealthyEventKind.MaintenanceStop).OrderBy(e => e.Start)];
        _loads = [.. mine.Where(e => e.Kind == HealthyEventKind.LoadChange).OrderBy(e => e.Start)];
        _swaps = [.. mine.Where(e => e.Kind == HealthyEventKind.SensorSwap).OrderBy(e => e.Start)];
        _ambient = plan.Ambient;
    }

    public PumpDuty At(DateTimeOffset now, double elapsedSeconds)
    {
        while (_stop < _stops.Length && _stops[_stop].End <= now)
        {
            _stop++;
        }

        while (_load + 1 < _loads.Length && _loads[_load + 1].Start <= now)
        {
            _load++;
        }

        var running = !(_stop < _stops.Length && _stops[_stop].Start <= now);
        var load = _load >= 0 && _loads[_load].End > now ? _loads[_load].Value : 1.0;
        return new PumpDuty(running, load, _ambient.ShiftAt(elapsedSeconds));
    }

    /// <summary>Adds each swapped sensor's offset, from its swap on, to <paramref name="values"/> (in <paramref name="sensors"/>' order).</summary>
    public void AddSensorOffsets(DateTimeOffset now, IReadOnlyList<string> sensors, double[] values)
    {
        foreach (var swap in _swaps)
        {
            if (swap.Start > now)
            {
                break;
            }

            if (swap.End > now)
            {
                for (var i = 0; i < sensors.Count; i++)
                {
                    if (sensors[i] == swap.Sensor)
                    {
                        // Only a temperature reads below zero; a gauge, meter or vibration sensor of a stopped pump reads zero.
                        values[i] = sensors[i] == PumpWatch.Core.Readings.TutorialSensors.Temperature ? values[i] + swap.Value : Math.Max(0, values[i] + swap.Value);
                    }
                }
            }
        }
    }
}

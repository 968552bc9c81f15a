using System.Globalization;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// One injected fault with its ground truth: pump, kind, onset, time to reach full severity, end, peak severity (0-1],
/// for sensor faults the sensor, and whether maintenance ended it (the pump is repaired at <see cref="End"/> and runs
/// as its own healthy self afterwards). A line of the labels file.
/// </summary>
public sealed record FaultSpec(string PumpId, FaultKind Kind, DateTimeOffset Start, TimeSpan Ramp, DateTimeOffset End, double Severity = 1.0, string? Sensor = null,
    bool EndedByMaintenance = false)
{
    /// <summary>
    /// The labels file's columns. <c>ramp_end</c> is when full severity is reached (the start for an abrupt fault),
    /// <c>onset</c> is <c>abrupt</c> (no ramp) or <c>gradual</c>, <c>ended_by</c> is <c>maintenance</c> or <c>run_end</c>
    /// (the fault lasts to its end time, which a run may cut short). Readers that know only the first four columns
    /// (<c>pumpwatch backtest --labels</c> before them) still read the file.
    /// </summary>
    public const string LabelsHeader = "pump_id,fault,start,end,severity,sensor,ramp_end,onset,ended_by";

    /// <summary>True when the fault is at full severity from its start.</summary>
    public bool IsAbrupt => Ramp <= TimeSpan.Zero;

    /// <summary>When the fault reaches full severity: the start plus the ramp.</summary>
    public DateTimeOffset RampEnd => IsAbrupt ? Start : Start + Ramp;

    /// <summary>Severity in [0, Severity] at <paramref name="t"/>: 0 before onset and after the end, ramping linearly.</summary>
    public double SeverityAt(DateTimeOffset t)
    {
        if (t < Start || t >= End)
        {
            return 0;
        }

        return Ramp <= TimeSpan.Zero ? Severity : Math.Min(1.0, (t - Start) / Ramp) * Severity;
    }

    public string ToLabelLine() => string.Join(',', PumpId, Kind.Name(), Time(Start), Time(End), Severity.ToString("0.###", CultureInfo.InvariantCulture), Sensor ?? "",
        Time(RampEnd), IsAbrupt ? "abrupt" : "gradual", EndedByMaintenance ? "maintenance" : "run_end");

    private static string Time(DateTimeOffset t) => EventTime.Format(EventTime.FromDateTimeOffset(t));
}

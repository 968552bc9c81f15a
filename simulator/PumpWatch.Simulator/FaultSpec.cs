using System.Globalization;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// One injected fault with its ground truth: pump, kind, onset, time to reach full severity, end, peak severity (0-1],
/// and for sensor faults the sensor. A line of the labels file.
/// </summary>
public sealed record FaultSpec(string PumpId, FaultKind Kind, DateTimeOffset Start, TimeSpan Ramp, DateTimeOffset End, double Severity = 1.0, string? Sensor = null)
{
    public const string LabelsHeader = "pump_id,fault,start,end,severity,sensor";

    /// <summary>Severity in [0, Severity] at <paramref name="t"/>: 0 before onset and after the end, ramping linearly.</summary>
    public double SeverityAt(DateTimeOffset t)
    {
        if (t < Start || t >= End)
        {
            return 0;
        }

        return Ramp <= TimeSpan.Zero ? Severity : Math.Min(1.0, (t - Start) / Ramp) * Severity;
    }

    public string ToLabelLine() => string.Join(',', PumpId, Kind.Name(), EventTime.Format(EventTime.FromDateTimeOffset(Start)),
        EventTime.Format(EventTime.FromDateTimeOffset(End)), Severity.ToString("0.###", CultureInfo.InvariantCulture), Sensor ?? "");
}

using System.Globalization;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// One healthy change of operation on a pump, [Start, End): a stop, a load level (<see cref="Value"/> = speed set-point
/// factor), or a swapped sensor (<see cref="Value"/> = the new sensor's offset in the sensor's unit). A line of the
/// simulator's events file; never a label.
/// </summary>
public sealed record HealthyEvent(string PumpId, HealthyEventKind Kind, DateTimeOffset Start, DateTimeOffset End, string? Sensor = null, double Value = 0)
{
    public const string Header = "pump_id,event,start,end,sensor,value";

    public string Name => Kind switch
    {
        HealthyEventKind.Stop => "stop",
        HealthyEventKind.MaintenanceStop => "maintenance_stop",
        HealthyEventKind.LoadChange => "load_change",
        _ => "sensor_swap",
    };

    public string ToLine() => string.Join(',', PumpId, Name, Time(Start), Time(End), Sensor ?? "", Value.ToString("0.####", CultureInfo.InvariantCulture));

    private static string Time(DateTimeOffset t) => EventTime.Format(EventTime.FromDateTimeOffset(t));
}

using System.Globalization;
using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// Writes a reading in the tutorial's JSON shape: integer pump ids as numbers, the timestamp as Python's
/// <c>datetime.isoformat()</c> (no offset; microseconds only when not zero), values rounded to the sensor's resolution.
/// </summary>
public static class ReadingJson
{
    public static string ToLine(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(160);
        text.Append("{\"pump_id\": ");
        if (long.TryParse(reading.PumpId, NumberStyles.None, c, out _))
        {
            text.Append(reading.PumpId);
        }
        else
        {
            text.Append('"').Append(reading.PumpId.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        var time = EventTime.ToDateTimeOffset(reading.Timestamp).UtcDateTime;
        text.Append(", \"timestamp\": \"").Append(time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff", c)).Append('"');
        foreach (var (name, value) in reading.Values)
        {
            text.Append(", \"").Append(name).Append("\": ").Append(value.ToString(FormatOf(name), c));
        }

        return text.Append('}').ToString();
    }

    private static string FormatOf(string sensor) => sensor switch
    {
        "vibration" => "0.0###",
        "temperature" => "0.0##",
        _ => "0.0#",
    };
}

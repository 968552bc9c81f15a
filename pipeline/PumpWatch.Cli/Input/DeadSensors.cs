using System.Globalization;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Finds sensors that gave no numeric value (empty, NA, or text such as <c>I/O Timeout</c>) for at least a set span of
/// event time: a dead transmitter a user should hear about even though each of its cells alone is only missing or
/// quarantined. A period ends at the sensor's next numeric value or at the end of the file; one line per period.
/// </summary>
internal sealed class DeadSensors(string[] sensorNames, TimeSpan after)
{
    private readonly long _afterMicros = (long)after.TotalMicroseconds;
    private readonly List<string> _reports = [];

    /// <summary>Whether anything is tracked at all (a zero span turns reporting off).</summary>
    public bool Enabled => _afterMicros > 0;

    public IReadOnlyList<string> Reports => _reports;

    /// <summary>State for one pump: one run per sensor column, reused for the whole file.</summary>
    public Run[] NewPump()
    {
        var runs = new Run[sensorNames.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = new Run();
        }

        return runs;
    }

    /// <summary>The sensor of <paramref name="run"/> had no number at <paramref name="micros"/> (<paramref name="text"/> empty when the cell was).</summary>
    public void Missing(Run run, long micros, ReadOnlySpan<char> text)
    {
        if (run.Rows == 0)
        {
            run.From = micros;
            run.Text = null;
        }

        run.To = micros;
        run.Rows++;
        if (run.Text is null && !text.IsEmpty)
        {
            run.Text = text.ToString();
        }
    }

    /// <summary>The sensor had a number again: its period without one, if any, ends here.</summary>
    public void Present(Run run, string pump, int sensor)
    {
        if (run.Rows > 0)
        {
            Close(run, pump, sensor);
        }
    }

    /// <summary>End of input: every period still open ends at its last row.</summary>
    public void Finish(IEnumerable<KeyValuePair<string, Run[]>> pumps)
    {
        foreach (var (pump, runs) in pumps)
        {
            for (var s = 0; s < runs.Length; s++)
            {
                if (runs[s].Rows > 0)
                {
                    Close(runs[s], pump, s);
                }
            }
        }
    }

    private void Close(Run run, string pump, int sensor)
    {
        // A newest-first file read as written has From after To; the period is the same.
        var (from, to) = run.From <= run.To ? (run.From, run.To) : (run.To, run.From);
        if (to - from >= _afterMicros)
        {
            var what = run.Text is null ? "empty" : $"'{run.Text}'";
            _reports.Add(string.Create(CultureInfo.InvariantCulture,
                $"pump {pump} sensor {sensorNames[sensor]}: no numeric value from {EventTime.Format(from)} to {EventTime.Format(to)} ({run.Rows} rows: {what})"));
        }

        run.Rows = 0;
    }

    /// <summary>One sensor's current period without a number.</summary>
    internal sealed class Run
    {
        public long From { get; set; }

        public long To { get; set; }

        public long Rows { get; set; }

        /// <summary>The first non-empty text in the period, shown as the likely cause.</summary>
        public string? Text { get; set; }
    }
}

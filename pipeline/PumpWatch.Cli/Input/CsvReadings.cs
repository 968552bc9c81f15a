using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Reads readings from a CSV/TSV file through Sep (<see cref="CsvFiles"/>). A sensor cell that is not a number
/// (<c>#N/A</c>, <c>Bad</c>, <c>I/O Timeout</c>) becomes a quarantine entry naming file:line, column and text, and the
/// row's other sensors still make a reading; a time outside years 1..9999 quarantines its row as <c>bad_timestamp</c>.
/// With <see cref="CsvReadingOptions.Strict"/> both stop the run instead. What stops it always: a row with the wrong
/// number of columns, a time that does not parse in the format at all (the format is likely wrong for the whole
/// file), a label that is not a number, and a text cell in the first data row of a default sensor column (likely a
/// text column, not a sensor: name the sensors with --sensors).
/// </summary>
internal sealed class CsvReadings
{
    private readonly string _path;
    private readonly CsvReadingOptions _options;
    private readonly char _delimiter;
    private readonly CultureInfo _culture;
    private readonly TextWriter _notices;
    private readonly HashSet<QuarantineReason> _told = [];
    private readonly Dictionary<string, DeadSensors.Run[]> _pumps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeadSensors.Run[]>.AlternateLookup<ReadOnlySpan<char>> _pumpLookup;
    private string[] _names = [];
    private ColumnLayout? _layout;
    private string[] _sensorNames = [];
    private DeadSensors? _dead;
    private bool _firstDataRow = true;

    private CsvReadings(string path, CsvReadingOptions options, TextWriter notices)
    {
        _path = path;
        _options = options;
        _delimiter = options.DelimiterFor(path);
        _culture = CsvFiles.Culture(options.DecimalComma);
        _notices = notices;
        _pumpLookup = _pumps.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static IEnumerable<InputRecord> Read(string path, CsvReadingOptions options, TextWriter notices)
    {
        var state = new CsvReadings(path, options, notices);
        using var reader = CsvFiles.Open(path, state._delimiter, options.DecimalComma);
        var pending = new List<InputRecord>(4);
        var any = false;

        // Rows are ref structs and cannot live across a yield: each is turned into records first, then handed out.
        while (state.Next(reader, pending))
        {
            any = true;
            foreach (var record in pending)
            {
                yield return record;
            }

            pending.Clear();
        }

        if (state._layout is null)
        {
            throw new UserError($"{path}: empty input");
        }

        if (!any)
        {
            throw new UserError($"{path}: no data rows");
        }

        if (state._dead is { Enabled: true } dead)
        {
            dead.Finish(state._pumps);
            foreach (var report in dead.Reports)
            {
                notices.WriteLine($"pumpwatch: warning: {path}: {report}");
            }
        }
    }

    /// <summary>The header of a CSV file, as the reader would see it (for the sensor names a model is built for).</summary>
    public static string[]? Header(string path, CsvReadingOptions options)
    {
        var delimiter = options.DelimiterFor(path);
        using var reader = CsvFiles.Open(path, delimiter, options.DecimalComma);
        foreach (var row in reader)
        {
            if (!CsvFiles.IsSkipped(row))
            {
                return CsvFiles.Names(row, path, delimiter);
            }
        }

        return null;
    }

    private bool Next(SepReader reader, List<InputRecord> output)
    {
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (CsvFiles.IsSkipped(row))
            {
                continue;
            }

            if (_layout is null)
            {
                Start(row);
                continue;
            }

            Convert(row, output);
            return true;
        }

        return false;
    }

    private void Start(SepReader.Row row)
    {
        _names = CsvFiles.Names(row, _path, _delimiter);
        _layout = ColumnLayout.Resolve(_names, _options, $"{_path}:{CsvFiles.LineOf(row)}");
        _sensorNames = new string[_layout.Sensors.Length];
        for (var i = 0; i < _sensorNames.Length; i++)
        {
            _sensorNames[i] = _options.SensorName(_names[_layout.Sensors[i]]);
        }

        _dead = new DeadSensors(_sensorNames, _options.DeadSensorAfter);
    }

    private void Convert(SepReader.Row row, List<InputRecord> output)
    {
        var (time, pump, label, sensors) = _layout!;
        var line = CsvFiles.LineOf(row);
        if (row.ColCount != _names.Length)
        {
            throw new UserError($"{_path}:{line}: {row.ColCount} columns, header has {_names.Length}");
        }

        var firstDataRow = _firstDataRow;
        _firstDataRow = false;
        var pumpId = _options.FixedPump ?? Intern(row[pump].Span);
        byte[]? raw = null;
        byte[] Raw(SepReader.Row r) => raw ??= Encoding.UTF8.GetBytes(r.Span.ToString());

        var timeText = row[time].Span;
        if (!InputTime.TryParse(timeText, _options.TimeFormat, out var micros, out var outOfRange))
        {
            if (outOfRange is null || _options.Strict)
            {
                throw new UserError($"{_path}:{line}: column '{_names[time]}': {outOfRange ?? $"'{timeText}' is not a {_options.TimeFormat} time"}");
            }

            output.Add(Reject(new RejectedValue(pumpId, null, QuarantineReason.BadTimestamp, $"{_path}:{line}: column '{_names[time]}': {outOfRange}", Raw(row)), line));
            return;
        }

        var runs = _dead is { Enabled: true } ? Runs(pumpId) : null;
        var values = new List<KeyValuePair<string, double>>(sensors.Length);
        var rejected = 0;
        for (var i = 0; i < sensors.Length; i++)
        {
            var cell = row[sensors[i]];
            var text = cell.Span;
            if (text.IsEmpty || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                if (runs is not null)
                {
                    _dead!.Missing(runs[i], micros, default);
                }

                continue;
            }

            // Sep's parser (csFastFloat) first; then the BCL's, so any number the reader took before Sep is still taken.
            if (cell.TryParse<double>() is { } value || double.TryParse(text, NumberStyles.Float, _culture, out value))
            {
                values.Add(new(_sensorNames[i], value));
                if (runs is not null)
                {
                    _dead!.Present(runs[i], pumpId, i);
                }

                continue;
            }

            var problem = $"{_path}:{line}: column '{_names[sensors[i]]}': {CsvFiles.NotANumber(text, _options.DecimalComma)}";
            if (_options.Strict || (firstDataRow && _options.Sensors is null))
            {
                // A text cell in the first row of a column taken as a sensor by default is more likely a text column
                // (a unit, a site) than a sensor's status: quarantining it on every row would hide that.
                throw new UserError(_options.Sensors is null && firstDataRow ? $"{problem} (name the sensor columns with --sensors)" : problem);
            }

            if (runs is not null)
            {
                _dead!.Missing(runs[i], micros, text);
            }

            rejected++;
            var sensor = _sensorNames[i] == _names[sensors[i]] ? "" : $" (sensor {_sensorNames[i]})";
            output.Add(Reject(new RejectedValue(pumpId, micros, QuarantineReason.NonNumericValue, problem + sensor, Raw(row)), line));
        }

        bool? isAnomalous = null;
        if (label >= 0)
        {
            var labelText = row[label].Span;
            isAnomalous = double.TryParse(labelText, NumberStyles.Float, _culture, out var l)
                ? l != 0
                : throw new UserError($"{_path}:{line}: column '{_names[label]}': '{labelText}' is not a number");
        }

        // A row whose every sensor value was rejected is told in its quarantine entries; an empty reading on top
        // would count it a second time (as no_sensor_values). Good values of a row are never dropped.
        if (values.Count > 0 || rejected == 0)
        {
            output.Add(new InputRecord(default, new Reading(pumpId, micros, values), isAnomalous, line));
        }
    }

    /// <summary>
    /// A rejection for the quarantine; the first of each reason is also told on the notices writer, so a run whose
    /// every row is rejected (epoch_s on millisecond times) says why before its "0 windows" error.
    /// </summary>
    private InputRecord Reject(RejectedValue rejected, long line)
    {
        if (_told.Add(rejected.Reason))
        {
            _notices.WriteLine($"pumpwatch: warning: {rejected.Detail}: quarantined as {rejected.Reason.Code()} (the first such; more are counted, not shown)");
        }

        return InputRecord.Reject(rejected, line);
    }

    /// <summary>The pump id as a string shared by all its rows, and its dead-sensor state, without a string per row.</summary>
    private string Intern(ReadOnlySpan<char> id)
    {
        if (_pumpLookup.TryGetValue(id, out var existing, out _))
        {
            return existing;
        }

        var text = id.ToString();
        _pumps[text] = _dead!.NewPump();
        return text;
    }

    private DeadSensors.Run[] Runs(string pumpId)
    {
        if (!_pumps.TryGetValue(pumpId, out var runs))
        {
            _pumps[pumpId] = runs = _dead!.NewPump();
        }

        return runs;
    }
}

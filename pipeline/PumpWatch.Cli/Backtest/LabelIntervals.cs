using System.Globalization;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Backtest;

/// <summary>Ground truth as per-pump intervals [start, end): from a labels file (the simulator's format) or from runs of labelled readings.</summary>
internal sealed class LabelIntervals
{
    private readonly Dictionary<string, List<FaultInterval>> _byPump = new(StringComparer.Ordinal);

    /// <summary>Every interval as a labelled fault, for <see cref="DetectionEvaluation"/>.</summary>
    public IReadOnlyList<FaultInterval> Faults => _byPump.Values.SelectMany(l => l).OrderBy(f => f.Start).ThenBy(f => f.PumpId, StringComparer.Ordinal).ToList();

    public int Count => _byPump.Values.Sum(l => l.Count);

    public void Add(string pump, long start, long end, string kind = "labelled", string? sensor = null, long? rampEnd = null)
    {
        if (!_byPump.TryGetValue(pump, out var list))
        {
            _byPump[pump] = list = [];
        }

        list.Add(new FaultInterval(pump, kind, sensor, start, end, rampEnd));
    }

    public bool Overlaps(string pump, long start, long end) =>
        _byPump.TryGetValue(pump, out var list) && list.Exists(i => i.Overlaps(pump, start, end));

    /// <summary>
    /// Reads <c>pump_id,fault,start,end[,severity,sensor,...]</c> with a header line; a <c>ramp_end</c> column (the
    /// simulator's, wherever the header puts it) says when each fault reached full severity.
    /// </summary>
    public static LabelIntervals FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such labels file");
        }

        var labels = new LabelIntervals();
        long line = 0;
        var rampColumn = -1;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                rampColumn = Array.FindIndex(text.Split(','), h => h.Trim() == "ramp_end");
                continue;
            }

            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length < 4)
            {
                throw new UserError($"{path}:{line}: expected pump_id,fault,start,end");
            }

            var start = Parse(cells[2], path, line, 3);
            var end = Parse(cells[3], path, line, 4);
            if (end <= start)
            {
                throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: the end {cells[3].Trim()} is not after the start {cells[2].Trim()}"));
            }

            var sensor = cells.Length > 5 && cells[5].Trim().Length > 0 ? cells[5].Trim() : null;
            long? rampEnd = rampColumn >= 0 && cells.Length > rampColumn && cells[rampColumn].Trim().Length > 0 ? Parse(cells[rampColumn], path, line, rampColumn + 1) : null;
            if (rampEnd < start)
            {
                throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: the ramp end {cells[rampColumn].Trim()} is before the start {cells[2].Trim()}"));
            }

            labels.Add(PumpIds.Normalize(cells[0]), start, end, cells[1].Trim(), sensor, rampEnd);
        }

        return labels;
    }

    private static long Parse(string text, string path, long line, int column) =>
        EventTime.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text.Trim()), out var micros)
            ? micros
            : throw new UserError(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: column {column}: '{text}' is not an ISO-8601 time"));

    /// <summary>Builds intervals from labelled readings: a run of labelled readings of a pump is one interval.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, (long Start, long Last)> _open = new(StringComparer.Ordinal);
        private readonly LabelIntervals _result = new();

        public void Observe(string pump, long time, bool anomalous)
        {
            if (anomalous)
            {
                _open[pump] = _open.TryGetValue(pump, out var run) ? (run.Start, Math.Max(run.Last, time)) : (time, time);
            }
            else if (_open.Remove(pump, out var run))
            {
                _result.Add(pump, run.Start, Math.Max(run.Last + 1, time));
            }
        }

        /// <summary>True when a labelled interval of <paramref name="pump"/> overlaps [start, end); a run still open counts as open-ended.</summary>
        public bool Overlaps(string pump, long start, long end) =>
            _result.Overlaps(pump, start, end) || (_open.TryGetValue(pump, out var run) && run.Start < end);

        public LabelIntervals Build()
        {
            foreach (var (pump, run) in _open)
            {
                _result.Add(pump, run.Start, run.Last + 1);
            }

            _open.Clear();
            return _result;
        }
    }
}

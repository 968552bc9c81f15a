namespace PumpWatch.Cli.Input;

/// <summary>
/// Historian exports are often newest first. Read as written, every row after a pump's first is older than the
/// newest and is quarantined as late, leaving no windows. So the first rows are looked at, and when every pump's
/// times in them only go down, the file is read in reverse: held in memory whole (readings of about 100 bytes each;
/// a file too large for that should be sorted first), with one notice saying so.
/// </summary>
internal static class NewestFirst
{
    /// <summary>Rows looked at before deciding; enough for a few steps of every pump in an interleaved export.</summary>
    public const int ProbeRows = 256;

    public static IEnumerable<InputRecord> InOrder(IEnumerable<InputRecord> records, string path, TextWriter notices)
    {
        var head = new List<InputRecord>(ProbeRows);
        using var rest = records.GetEnumerator();
        while (head.Count < ProbeRows && rest.MoveNext())
        {
            head.Add(rest.Current);
        }

        if (!IsDescending(head))
        {
            foreach (var record in head)
            {
                yield return record;
            }

            while (rest.MoveNext())
            {
                yield return rest.Current;
            }

            yield break;
        }

        notices.WriteLine($"pumpwatch: {path}: rows are newest first (time only goes down over the first {head.Count} rows); reading them oldest first (the file is held in memory)");
        var all = head;
        while (rest.MoveNext())
        {
            all.Add(rest.Current);
        }

        all.Reverse();
        foreach (var record in all)
        {
            yield return record;
        }
    }

    /// <summary>Some pump's time went down from one of its rows to the next, and no pump's went up.</summary>
    public static bool IsDescending(IReadOnlyList<InputRecord> records)
    {
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        var down = 0;
        foreach (var record in records)
        {
            if (record.Reading is not { } reading)
            {
                continue;
            }

            if (last.TryGetValue(reading.PumpId, out var previous))
            {
                if (reading.Timestamp > previous)
                {
                    return false;
                }

                down += reading.Timestamp < previous ? 1 : 0;
            }

            last[reading.PumpId] = reading.Timestamp;
        }

        return down > 0;
    }
}

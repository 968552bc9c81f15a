using System.Globalization;

namespace PumpWatch.Cli.Input;

/// <summary>
/// A numeric CSV read as feature vectors (<c>--tabular</c>): '#' lines skipped, optional header, columns to ignore
/// by name or 0-based index (e.g. a label column). Every error names file, line and column.
/// </summary>
internal sealed record TabularCsv(string[] Names, double[] Rows, int Width)
{
    public int Count => Rows.Length / Width;

    public static TabularCsv Read(string path, char delimiter, bool header, IReadOnlyList<string> ignore)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file");
        }

        string[]? names = null;
        bool[]? keep = null;
        var rows = new List<double>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var cells = text.Split(delimiter);
            if (names is null)
            {
                names = header ? cells.Select(c => c.Trim()).ToArray() : Enumerable.Range(0, cells.Length).Select(i => $"c{i}").ToArray();
                keep = new bool[names.Length];
                for (var i = 0; i < names.Length; i++)
                {
                    keep[i] = !ignore.Contains(names[i]) && !ignore.Contains(i.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var column in ignore)
                {
                    if (!names.Contains(column) && !(int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < names.Length))
                    {
                        throw new UserError($"{path}: --ignore '{column}' is not a column name or index (columns: {string.Join(", ", names)})");
                    }
                }

                if (header)
                {
                    continue;
                }
            }

            if (cells.Length != names.Length)
            {
                throw new UserError($"{path}:{line}: {cells.Length} columns, expected {names.Length}");
            }

            for (var i = 0; i < cells.Length; i++)
            {
                if (!keep![i])
                {
                    continue;
                }

                if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new UserError($"{path}:{line}: column {i + 1} ('{names[i]}'): '{cells[i]}' is not a number");
                }

                rows.Add(value);
            }
        }

        if (names is null || rows.Count == 0)
        {
            throw new UserError($"{path}: no data rows");
        }

        var kept = names.Where((_, i) => keep![i]).ToArray();
        if (kept.Length == 0)
        {
            throw new UserError($"{path}: every column is ignored");
        }

        return new TabularCsv(kept, rows.ToArray(), kept.Length);
    }
}

using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PumpWatch.Cli.Input;

/// <summary>
/// A numeric CSV read as feature vectors (<c>--tabular</c>): '#' lines skipped, optional header, columns to ignore
/// by name or 0-based index (e.g. a label column). Every error names file, line and column.
/// </summary>
/// <remarks>
/// Read as UTF-8 bytes a buffer at a time, each cell parsed from its span (no string per line or cell): with
/// string.Split per line, reading took longer than scoring (567,498 x 3 rows, 33 MB).
/// </remarks>
internal sealed class TabularCsv
{
    private const int BufferBytes = 1 << 20;

    // Grown by doubling while reading, so usually longer than Count * Width.
    private readonly double[] _values;

    private TabularCsv(string[] names, double[] values, int count)
    {
        Names = names;
        _values = values;
        Count = count;
    }

    /// <summary>The kept columns, in file order (header names, or c0, c1, ... without a header).</summary>
    public IReadOnlyList<string> Names { get; }

    public int Width => Names.Count;

    public int Count { get; }

    /// <summary>The rows, row-major, <see cref="Width"/> values each.</summary>
    public ReadOnlySpan<double> Rows => _values.AsSpan(0, Count * Width);

    public static TabularCsv Read(string path, char delimiter, bool header, IReadOnlyList<string> ignore)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var reader = new Reader(path, Encoding.UTF8.GetBytes(delimiter.ToString()), header, ignore, file.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var filled = 0;
            var first = true;
            while (true)
            {
                var read = file.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var span = buffer.AsSpan(0, filled);
                if (first && span.Length >= 3 && span[..3].SequenceEqual("\uFEFF"u8))
                {
                    span = span[3..];
                }

                first = false;
                var consumed = 0;
                while (true)
                {
                    var end = span[consumed..].IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        break;
                    }

                    reader.Line(span.Slice(consumed, end));
                    consumed += end + 1;
                }

                var rest = span[consumed..];
                if (read == 0)
                {
                    if (!rest.IsEmpty)
                    {
                        reader.Line(rest);
                    }

                    break;
                }

                if (rest.Length == buffer.Length)
                {
                    // A line longer than the buffer: grow it.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    rest.CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else
                {
                    rest.CopyTo(buffer);
                }

                filled = rest.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return reader.Finish();
    }

    /// <summary>State of one read: the header once seen, the kept columns, the values so far.</summary>
    private sealed class Reader(string path, byte[] delimiter, bool header, IReadOnlyList<string> ignore, long fileBytes)
    {
        private string[]? _names;
        private bool[] _keep = [];
        private int _kept;
        private double[] _values = [];
        private int _length;
        private long _line;

        // Optimised from the first call: a run reads each line once, so tier-0 code would parse much of the file.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Line(ReadOnlySpan<byte> text)
        {
            _line++;
            if (!text.IsEmpty && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (text.IsEmpty || text[0] == (byte)'#')
            {
                return;
            }

            if (_names is null)
            {
                Start(text);
                if (header)
                {
                    return;
                }
            }

            if (_length + _kept > _values.Length)
            {
                Array.Resize(ref _values, (int)Math.Min(Math.Max((long)_values.Length * 2, _kept * 1024), Array.MaxLength));
            }

            var row = _values.AsSpan(_length, _kept);
            var rest = text;
            var column = 0;
            var k = 0;
            while (true)
            {
                var at = rest.IndexOf(delimiter);
                var cell = at < 0 ? rest : rest[..at];
                if (column >= _names!.Length)
                {
                    throw WrongCount(text);
                }

                if (_keep[column])
                {
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]))
                    {
                        // A short or long line says so first, as when every cell was split before parsing.
                        if (Cells(text) != _names.Length)
                        {
                            throw WrongCount(text);
                        }

                        throw new UserError($"{path}:{_line}: column {column + 1} ('{_names[column]}'): '{Encoding.UTF8.GetString(cell)}' is not a number");
                    }

                    k++;
                }

                column++;
                if (at < 0)
                {
                    break;
                }

                rest = rest[(at + delimiter.Length)..];
            }

            if (column != _names.Length)
            {
                throw WrongCount(text);
            }

            _length += _kept;
        }

        public TabularCsv Finish()
        {
            if (_names is null || _length == 0)
            {
                throw new UserError($"{path}: no data rows");
            }

            var kept = new string[_kept];
            for (int i = 0, k = 0; i < _names.Length; i++)
            {
                if (_keep[i])
                {
                    kept[k++] = _names[i];
                }
            }

            return new TabularCsv(kept, _values, _length / _kept);
        }

        private void Start(ReadOnlySpan<byte> text)
        {
            var cells = Encoding.UTF8.GetString(text).Split(Encoding.UTF8.GetString(delimiter));
            var names = new string[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                names[i] = header ? cells[i].Trim() : string.Create(CultureInfo.InvariantCulture, $"c{i}");
            }

            _keep = new bool[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                _keep[i] = !ignore.Contains(names[i]) && !ignore.Contains(i.ToString(CultureInfo.InvariantCulture));
                _kept += _keep[i] ? 1 : 0;
            }

            foreach (var column in ignore)
            {
                if (!names.Contains(column) && !(int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < names.Length))
                {
                    throw new UserError($"{path}: --ignore '{column}' is not a column name or index (columns: {string.Join(", ", names)})");
                }
            }

            if (_kept == 0)
            {
                throw new UserError($"{path}: every column is ignored");
            }

            _names = names;

            // A value and its delimiter take 2 bytes at the very least, typically 5 to 20: start at a 16th of the
            // file's bytes so a typical file needs one or two doublings at most, and a short file little memory.
            _values = new double[Math.Max(_kept * 1024, (int)Math.Min(fileBytes / 16, Array.MaxLength / 2))];
        }

        private int Cells(ReadOnlySpan<byte> text) => text.Count(delimiter) + 1;

        private UserError WrongCount(ReadOnlySpan<byte> text) => new($"{path}:{_line}: {Cells(text)} columns, expected {_names!.Length}");
    }
}

using System.Globalization;
using nietras.SeparatedValues;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Opens every CSV the CLI reads (readings and <c>--tabular</c>) through Sep, with the same rules: RFC-4180 quotes
/// (<c>"Timestamp","Tag.TT101"</c>) removed, spaces around cells trimmed, CRLF or LF, a UTF-8 BOM skipped, and
/// numbers read with '.' or, with a decimal comma, ','. Blank lines and lines starting with '#' are skipped by the callers
/// (<see cref="IsSkipped"/>), and the header is the first row that is not skipped, so it may follow comments.
/// </summary>
internal static class CsvFiles
{
    // Sep parses numbers with thousands grouping allowed, and the invariant culture groups with ',': "66,677" would be
    // read as 66677 without a word (measured with Sep 0.17.1). So both cultures here group with U+FFFF, a noncharacter
    // that no export contains, and accept no grouping at all. The process runs with invariant globalization, so
    // "de-DE" is not available: the decimal-comma culture is the invariant one with ',' as its decimal mark.
    private static readonly CultureInfo DecimalPointCulture = CreateCulture(".");
    private static readonly CultureInfo DecimalCommaCulture = CreateCulture(",");

    public static SepReader Open(string path, char delimiter, bool decimalComma)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file");
        }

        Sep separator;
        try
        {
            separator = Sep.New(delimiter);
        }
        catch (ArgumentException e)
        {
            // Sep refuses some characters as separators (the quote, letters, digits among them).
            throw new UserError($"--delimiter '{Show(delimiter)}' cannot separate CSV fields: {e.Message.Split(Environment.NewLine)[0]}");
        }

        // Header and column counts are checked by the callers, not by Sep: the header may follow '#' lines, and a short
        // row should be reported with its file:line as "N columns, header has M", not as Sep's exception text.
        return separator.Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            Trim = SepTrim.All,
            CultureInfo = Culture(decimalComma),
        }).FromFile(path);
    }

    /// <summary>The culture numbers are read with: invariant with a decimal point or comma, and no thousands grouping.</summary>
    public static CultureInfo Culture(bool decimalComma) => decimalComma ? DecimalCommaCulture : DecimalPointCulture;

    /// <summary>
    /// The 1-based line a row starts on. Sep 0.17.1 reports the first row as lines 2..2 (LineNumberFrom one too high,
    /// LineNumberToExcl equal to it), later rows correctly, so the first row is taken as line 1.
    /// </summary>
    public static int LineOf(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    /// <summary>A blank line or a '#' comment line. A comment with an odd number of '"' opens a quoted field, as in any RFC-4180 reader.</summary>
    public static bool IsSkipped(SepReader.Row row)
    {
        var text = row.Span.TrimStart();
        return text.IsEmpty || text[0] == '#';
    }

    /// <summary>The header row's names, trimmed and unquoted; a header of one column that contains another likely delimiter is refused with a suggestion.</summary>
    public static string[] Names(SepReader.Row row, string path, char delimiter)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString();
        }

        if (names.Length == 1 && SuggestDelimiter(row.Span, delimiter) is { } suggestion)
        {
            throw new UserError($"{path}:{LineOf(row)}: the header is one column ('{Shorten(names[0])}') with delimiter '{Show(delimiter)}': try --delimiter {suggestion}");
        }

        return names;
    }

    /// <summary>Why a cell that should be a number is not, with the likeliest fix when it looks like a decimal comma.</summary>
    public static string NotANumber(ReadOnlySpan<char> cell, bool decimalComma) =>
        !decimalComma && cell.Contains(',') && double.TryParse(cell.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"'{cell}' is not a number (a decimal comma? use --decimal-comma)"
            : $"'{cell}' is not a number";

    /// <summary>How a delimiter is typed on the command line.</summary>
    public static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();

    private static string? SuggestDelimiter(ReadOnlySpan<char> header, char delimiter)
    {
        foreach (var candidate in (ReadOnlySpan<char>)[';', '\t', ',', '|'])
        {
            if (candidate != delimiter && header.Contains(candidate))
            {
                return candidate switch { '\t' => "'\\t'", ';' => "';'", '|' => "'|'", _ => candidate.ToString() };
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static CultureInfo CreateCulture(string decimalMark)
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = decimalMark;
        culture.NumberFormat.NumberGroupSeparator = "\uFFFF";
        return CultureInfo.ReadOnly(culture);
    }
}

namespace PumpWatch.Cli;

/// <summary>One CSV cell as text: quoted (RFC 4180) when it holds a comma, a quote or a line break, as pump ids from a historian may.</summary>
internal static class CsvText
{
    public static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

using System.Text;

namespace PumpWatch.Cli.Consume;

/// <summary>
/// The function's log as <c>consume</c> shows it: its one Embedded Metric Format line per invocation (a JSON object,
/// meant for CloudWatch) only with <c>--metrics</c>, every other line (a dropped carried state, an undelivered alert, a
/// failed flush) always, on standard error.
/// </summary>
internal sealed class FunctionLog(TextWriter target, bool metrics) : TextWriter
{
    public override Encoding Encoding => target.Encoding;

    public override void WriteLine(string? value)
    {
        if (metrics || value is null || !value.StartsWith('{'))
        {
            target.WriteLine(value);
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }
}

using System.Text.RegularExpressions;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>A writer for a command's output that completes <see cref="Address"/> with the first dashboard address printed.</summary>
internal sealed partial class LineSignal : StringWriter
{
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Uri> Address => _address.Task;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value is not null && Url().Match(value) is { Success: true } m)
        {
            _address.TrySetResult(new Uri(m.Value));
        }
    }

    public static Uri? Find(string line) => Url().Match(line) is { Success: true } m ? new Uri(m.Value) : null;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Url();
}

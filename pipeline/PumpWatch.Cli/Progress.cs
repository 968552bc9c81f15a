using System.Globalization;

namespace PumpWatch.Cli;

/// <summary>
/// Progress of a long replay on standard error: a line redrawn every half second on a terminal, or one line every
/// 10 s when standard error is redirected (so short runs and logs stay quiet). Checks the clock every 64k records.
/// </summary>
internal sealed class Progress(TextWriter output, TimeProvider time, string verb, bool interactive) : IDisposable
{
    private readonly long _started = time.GetTimestamp();
    private long _lastShown = time.GetTimestamp();
    private bool _drawn;

    public Progress(TextWriter output, TimeProvider time, string verb)
        : this(output, time, verb, !Console.IsErrorRedirected)
    {
    }

    public void Report(long records)
    {
        if ((records & 0xFFFF) != 0)
        {
            return;
        }

        var interval = interactive ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        if (time.GetElapsedTime(_lastShown) < interval)
        {
            return;
        }

        _lastShown = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_started).TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"  {verb}: {records:N0} records, {records / elapsed:N0}/s, {elapsed:0} s");
        if (interactive)
        {
            output.Write("\r" + line);
            _drawn = true;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Clears the redrawn line.</summary>
    public void Done()
    {
        if (_drawn)
        {
            output.Write("\r" + new string(' ', 72) + "\r");
            _drawn = false;
        }
    }

    public void Dispose() => Done();
}

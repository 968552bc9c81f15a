namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Values of Record.TimeUnit (enum TimeUnit; the service assumes MILLISECONDS when it is absent).</summary>
public static class TimeUnit
{
    public const string Milliseconds = "MILLISECONDS";

    public const string Seconds = "SECONDS";

    public const string Microseconds = "MICROSECONDS";

    public const string Nanoseconds = "NANOSECONDS";
}

namespace PumpWatch.Simulator;

/// <summary>
/// How the site's ambient temperature moves away from its daily cycle over days: a seasonal trend (degC per day) and
/// a passing weather pattern (a sine of the given amplitude and period). Zero at the start of the run, shared by every
/// pump of the site.
/// </summary>
public sealed record SiteAmbient(double TrendPerDay, double WeatherAmplitude, double WeatherPeriodDays, double WeatherPhase)
{
    /// <summary>No drift: the daily cycle alone.</summary>
    public static SiteAmbient None { get; } = new(0, 0, 1, 0);

    /// <summary>Degrees C added to the ambient temperature <paramref name="elapsedSeconds"/> into the run.</summary>
    public double ShiftAt(double elapsedSeconds)
    {
        var days = elapsedSeconds / 86400.0;
        var angle = 2 * Math.PI * days / WeatherPeriodDays;
        return (TrendPerDay * days) + (WeatherAmplitude * (Math.Sin(angle + WeatherPhase) - Math.Sin(WeatherPhase)));
    }
}

namespace PumpWatch.Core.Features;

/// <summary>A statistic of one sensor over a window, or a cross-sensor feature.</summary>
public enum FeatureStat
{
    Mean,
    Std,
    Min,
    Max,
    Range,
    SlopePerMinute,
    Skewness,
    Kurtosis,
    Last,

    /// <summary>Mean pressure over mean flow rate (psi per US gal/min): rises with a discharge blockage, falls with a seal leak.</summary>
    PressureFlowRatio,

    /// <summary>
    /// The share of the window's readings that carry this sensor (0..1): a sensor dropping out of messages lowers it
    /// while its mean holds. 0 when the window has no reading of the sensor.
    /// </summary>
    PresentShare,

    /// <summary>Temperature change from the first to the last reading of the window, per minute.</summary>
    TemperatureRiseRate,
}

namespace PumpWatch.Core.Baselines;

/// <summary>What a residual feature measures of its sensor (see <see cref="ResidualLayout"/>).</summary>
public enum ResidualKind
{
    /// <summary>The window mean against what the pump's own operating point predicts (or its own median without a flow sensor).</summary>
    Level,

    /// <summary>The window's range against the pump's own typical range: noise, bursts and spikes.</summary>
    Spread,

    /// <summary>1 when a sensor whose healthy windows always vary reads one value for the whole window, else 0.</summary>
    Stuck,

    /// <summary>The share of messages without the sensor, against the pump's own.</summary>
    Missing,
}

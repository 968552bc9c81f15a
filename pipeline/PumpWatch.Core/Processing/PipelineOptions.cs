using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Processing;

/// <summary>Everything the detection pipeline is configured with, built once by the host.</summary>
public sealed record PipelineOptions(
    WindowOptions Windows,
    ValidationOptions Validation,
    AlertPolicyOptions Alerts,
    FeatureSet Features,
    IReadOnlyList<SensorSpec> Sensors)
{
    /// <summary>
    /// A pump the stream has moved on from by this much event time, since its newest reading arrived, raises a
    /// <c>pump_silent</c> event (and <c>pump_resumed</c> when it sends again); <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan PumpSilentAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A window holding fewer than this share of the readings expected at its pump's sampling interval (the first and
    /// last window of a file, a window cut by an outage) is stored but not scored: its statistics are not comparable with
    /// full windows'. 0 scores every window.
    /// </summary>
    public double MinWindowCoverage { get; init; } = 0.5;

    /// <summary>One-minute tumbling windows, 5 s lateness, default validation and alert policy, every feature of the four tutorial sensors, silence after 5 min.</summary>
    public static PipelineOptions Default { get; } = new(
        WindowOptions.Tumbling(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5)),
        ValidationOptions.Default,
        AlertPolicyOptions.Default,
        FeatureSet.All(SensorSpec.Defaults.Select(s => s.Name)),
        SensorSpec.Defaults);
}

using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Demo;

/// <summary>Keeps every alert of a demo run, for the summary of which faults were detected and how soon.</summary>
internal sealed class DemoAlertLog : DetectionSink
{
    public List<Alert> Alerts { get; } = [];

    public override void OnAlert(Alert alert) => Alerts.Add(alert);
}

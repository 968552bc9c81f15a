using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Demo;

/// <summary>Prints alerts as they happen and keeps them (for the summary) and a JSON line per alert (a file subscribers can tail).</summary>
internal sealed class ConsoleAlertSink(TextWriter output, TextWriter? jsonLines, Action clearStatus) : DetectionSink
{
    public List<Alert> Alerts { get; } = [];

    public override void OnAlert(Alert alert)
    {
        Alerts.Add(alert);
        clearStatus();
        output.WriteLine(AlertFormatter.ToText(alert));
        jsonLines?.WriteLine(AlertFormatter.ToJson(alert));
    }
}

using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Demo;

/// <summary>Prints alerts as they happen and keeps them (for the summary) and a JSON line per alert (a file subscribers can tail).</summary>
internal sealed class ConsoleAlertSink(TextWriter output, TextWriter? jsonLines, Action clearStatus) : IDetectionSink
{
    public List<Alert> Alerts { get; } = [];

    public void OnAlert(Alert alert)
    {
        Alerts.Add(alert);
        clearStatus();
        output.WriteLine(AlertFormatter.ToText(alert));
        jsonLines?.WriteLine(AlertFormatter.ToJson(alert));
    }

    public void OnReading(ParsedReading reading)
    {
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
    }

    public void OnWindow(ScoredWindow window)
    {
    }
}

using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>Alerts for the sink tests: an opened critical anomaly and a silence event (no score).</summary>
internal static class TestAlerts
{
    private const long Minute = 60_000_000;

    public static Alert Opened(string pumpId = "3") =>
        new($"{pumpId}@2026-05-01T00:01:00Z", AlertEventKind.Opened, pumpId, AlertSeverity.Critical, 0, Minute, 0.712, 0.58, "if-abc",
            [new FeatureContribution("vibration.mean", 0.43, 4.1, 1.8, 0.3, 0, "mm/s RMS")], "vibration zone C");

    public static Alert Silent(string pumpId = "7") =>
        new(Alert.SilenceIdFor(pumpId, 0), AlertEventKind.PumpSilent, pumpId, AlertSeverity.Warning, 0, 10 * Minute, double.NaN, 0.58, "if-abc", [], null);
}

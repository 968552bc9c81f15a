using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Alerts;

public sealed class AlertPolicyTests
{
    private const long Minute = 60_000_000;
    private const double Threshold = 0.6;

    private static List<(int Window, AlertDecision Decision)> Run(AlertPolicy policy, params double[] scores)
    {
        var state = AlertState.Initial;
        var events = new List<(int, AlertDecision)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (policy.Evaluate(ref state, (i + 1) * Minute, scores[i], Threshold) is { } d)
            {
                events.Add((i, d));
            }

            // The state must survive its own text form at every step (hosts persist it between batches).
            Assert.Equal(state, AlertState.Parse(state.ToString()));
        }

        return events;
    }

    [Fact]
    public void TwoOfThree_OpensOnTheSecondExceedance_NotOnOne()
    {
        var policy = new AlertPolicy(AlertPolicyOptions.Default);
        Assert.Empty(Run(policy, 0.5, 0.62, 0.5, 0.5, 0.5));
        var events = Run(policy, 0.5, 0.62, 0.5, 0.63, 0.5);
        var (window, decision) = Assert.Single(events);
        Assert.Equal(3, window);
        Assert.Equal(AlertEventKind.Opened, decision.Kind);
        Assert.Equal(AlertSeverity.Warning, decision.Severity);
    }

    [Fact]
    public void LargeMargin_IsCritical_AndAnOpenWarningEscalates()
    {
        var policy = new AlertPolicy(AlertPolicyOptions.Default);
        var events = Run(policy, 0.62, 0.63, 0.70);
        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Escalated], events.Select(e => e.Decision.Kind));
        Assert.Equal(AlertSeverity.Critical, events[1].Decision.Severity);
    }

    [Fact]
    public void ResolvesAfterMNormalWindows_AndCooldownSuppressesAReopenOfTheSameSeverity()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions(ResolveAfter: 3, Cooldown: TimeSpan.FromMinutes(10)));
        var events = Run(policy, 0.62, 0.62, 0.5, 0.5, 0.5, 0.62, 0.62, 0.5);
        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Resolved], events.Select(e => e.Decision.Kind));
        Assert.Equal(4, events[1].Window);

        // Same pattern, but the second episode is critical: escalation beats the cooldown.
        events = Run(policy, 0.62, 0.62, 0.5, 0.5, 0.5, 0.7, 0.7);
        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Resolved, AlertEventKind.Opened], events.Select(e => e.Decision.Kind));

        // After the cooldown a warning may open again.
        events = Run(policy, [0.62, 0.62, .. Enumerable.Repeat(0.5, 12), 0.62, 0.62]);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void Options_Invalid_AreRejectedWithTheProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new AlertPolicy(new AlertPolicyOptions(K: 4, N: 3)));
        Assert.Contains("k = 4", e.Message, StringComparison.Ordinal);
        Assert.False(AlertState.TryParse("1;2;3", out _));
    }

    [Fact]
    public void Formatter_TextAndJson_CarryTheAlert()
    {
        var alert = new Alert("3@x", AlertEventKind.Opened, "3", AlertSeverity.Critical, 0, Minute, 0.712, 0.58, "if-abc",
            [new FeatureContribution("vibration.mean", 0.43, 4.1, 1.8, 0.3, 0, "mm/s RMS")], VibrationZone.Describe(4.1, "mm/s RMS"));
        var text = AlertFormatter.ToText(alert);
        Assert.Contains("[CRITICAL] pump 3 anomaly: score 0.712 > threshold 0.580", text, StringComparison.Ordinal);
        Assert.Contains("vibration mean 4.10 mm/s RMS vs baseline 1.80 +/- 0.300 mm/s RMS (43% of the evidence)", text, StringComparison.Ordinal);
        Assert.Contains("zone C", text, StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(AlertFormatter.ToJson(alert)).RootElement;
        Assert.Equal("3", json.GetProperty("pump_id").GetString());
        Assert.Equal("critical", json.GetProperty("severity").GetString());
        Assert.Equal("vibration.mean", json.GetProperty("top_features")[0].GetProperty("feature").GetString());
    }

    [Theory]
    // ISO 10816-3 rigid foundation boundaries: 1.4, 2.8, 4.5 mm/s.
    [InlineData(1.0, 'A')]
    [InlineData(1.4, 'B')]
    [InlineData(2.79, 'B')]
    [InlineData(4.4, 'C')]
    [InlineData(7.0, 'D')]
    public void VibrationZone_FollowsIso10816Boundaries(double value, char zone) => Assert.Equal(zone, VibrationZone.Of(value));

    [Theory]
    [InlineData(0.15, "in/s", 'C')] // 3.81 mm/s
    [InlineData(0.2, "in/s RMS", 'D')] // 5.08 mm/s: in/s must not be read as mm/s (zone A)
    [InlineData(2.0, "mm/s", 'B')]
    public void VibrationZone_ConvertsTheSensorUnit(double value, string unit, char zone)
    {
        var line = VibrationZone.Describe(value, unit);
        Assert.NotNull(line);
        Assert.Contains($"zone {zone}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void VibrationZone_UnknownUnit_GivesNoLine() => Assert.Null(VibrationZone.Describe(0.5, "g"));

    [Fact]
    public void VibrationZone_LowZone_SaysTheAlertIsAboutChange_NotFineForOperation()
    {
        // A critical alert beside "fine for long-term operation" read as a contradiction.
        var line = VibrationZone.Describe(1.6, "mm/s RMS")!;
        Assert.Contains("zone B", line, StringComparison.Ordinal);
        Assert.Contains("the change from this pump's own baseline", line, StringComparison.Ordinal);
        Assert.DoesNotContain("fine for long-term", line, StringComparison.Ordinal);
    }
}

using System.Text.Json.Serialization;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Demo;

/// <summary>Matches alerts against the injected faults: which faults were detected and how soon, and which alerts were false.</summary>
internal static class FaultReport
{
    public static DemoSummary Build(IReadOnlyList<FaultSpec> faults, IReadOnlyList<Alert> alerts, DateTimeOffset runEnd)
    {
        var opened = alerts.Where(a => a.Kind == AlertEventKind.Opened).ToList();
        var results = new List<FaultResult>();
        foreach (var fault in faults)
        {
            var start = EventTime.FromDateTimeOffset(fault.Start);
            if (fault.Start >= runEnd)
            {
                continue;
            }

            var end = EventTime.FromDateTimeOffset(fault.End < runEnd ? fault.End : runEnd);
            var first = opened.Where(a => a.PumpId == fault.PumpId && a.WindowEnd > start && a.WindowStart < end).MinBy(a => a.WindowEnd);
            results.Add(new FaultResult(fault.PumpId, fault.Kind.Name(), fault.Sensor, EventTime.Format(start), EventTime.Format(end), (end - start) / 60e6, first is not null,
                first is null ? null : EventTime.Format(first.WindowEnd),
                first is null ? null : (first.WindowEnd - start) / 60e6,
                first?.AlertId));
        }

        var falseAlerts = opened.Where(a => !faults.Any(f => f.PumpId == a.PumpId
                && a.WindowEnd > EventTime.FromDateTimeOffset(f.Start) && a.WindowStart < EventTime.FromDateTimeOffset(f.End)))
            .Select(a => new FalseAlert(a.AlertId, a.PumpId, EventTime.Format(a.WindowEnd), a.Score, a.Severity.ToString().ToLowerInvariant()))
            .ToList();
        return new DemoSummary(results, falseAlerts);
    }
}

internal sealed record FaultResult(string PumpId, string Fault, string? Sensor, string Start, string End, double ActiveMinutes, bool Detected, string? DetectedAt, double? MinutesAfterOnset, string? AlertId);

internal sealed record FalseAlert(string AlertId, string PumpId, string At, double Score, string Severity);

internal sealed record DemoSummary(IReadOnlyList<FaultResult> Faults, IReadOnlyList<FalseAlert> FalseAlerts)
{
    public string? ModelId { get; init; }

    public string? Database { get; init; }

    public long Readings { get; init; }

    public long Windows { get; init; }

    public long Quarantined { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DemoSummary))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;

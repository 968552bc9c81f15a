using System.Globalization;
using PumpWatch.Core.Evaluation;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// Prints fault-kind rows (<see cref="FaultKindSummary"/>) as a table, for backtest and evaluate alike: the delay in
/// minutes where it is the measure (abrupt and unknown onsets), the share of the ramp for gradual faults.
/// </summary>
internal static class KindTable
{
    public static void Write(TextWriter output, IEnumerable<FaultKindSummary> rows, string indent)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"{indent}{"fault",-18} {"onset",-8} {"faults",6} {"detected",13} {"median delay",13} {"median share of ramp",21}");
        foreach (var r in rows)
        {
            var detected = string.Create(c, $"{r.Detected} ({r.DetectionRate * 100:0}%)");
            var delay = r.MedianDelayMinutes is { } d ? string.Create(c, $"{d:0.0} min") : "-";
            var share = r.Onset == "abrupt" || r.MedianRampShare is null ? "-" : r.MedianRampShare.Value.ToString("0.00", c);
            output.WriteLine($"{indent}{r.Kind,-18} {r.Onset,-8} {r.Faults,6} {detected,13} {delay,13} {share,21}");
        }
    }
}

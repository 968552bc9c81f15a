using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PumpWatch.Cli.Backtest;
using PumpWatch.Cli.Dashboard;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Report;

/// <summary>
/// <c>backtest --report FILE.html</c>: one self-contained HTML file (its script, style, data and the pinned chart
/// library inline; it fetches nothing) with the metrics table, the confusion summary, each fault kind detected or missed
/// with its delay, and per-pump score timelines with the labelled fault intervals shaded and the opened alerts marked.
/// The tables are plain HTML, readable with scripts off; the charts are drawn by the browser from the embedded JSON.
/// </summary>
internal static class BacktestReport
{
    // A chart is some 1000-1500 pixels wide: more points per line than that draw nothing more.
    private const int PointsPerPump = 1500;

    // Each pump is a chart; past this many the page gets slow to open. Pumps with faults or alerts come first.
    private const int MaxPumpsDrawn = 50;

    /// <summary>Writes the report; the store must be flushed (its windows table is read for the score timelines).</summary>
    public static void Write(string path, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(input);
        var data = Timelines(input);
        var html = new StringBuilder(1 << 20);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>PumpWatch backtest report: {E(Path.GetFileName(input.Input))}</title>
            <link rel="icon" href="data:,">
            <style>
            {WebAssetFiles.Text("report.css")}
            </style>
            </head>
            <body data-rendered="0">
            <h1>PumpWatch backtest report</h1>
            <p class="meta">Input <code>{E(input.Input)}</code>, model <code>{E(input.ModelId)}</code>, written {E(input.Written.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture))}. {E(input.PerReading ? "One window per reading: a prediction is a reading's." : "A prediction is a window's: positive when its score exceeds the threshold, labelled when a fault interval overlaps it.")} Times are UTC.</p>

            """);
        Metrics(html, input.Metrics);
        Confusion(html, input.Metrics);
        FaultKinds(html, input.Evaluation);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section id="timelines">
            <h2>Score timelines</h2>
            <p class="note">Highest window score per {E(Duration(data.BucketMs))} against the threshold (dashed); labelled fault intervals shaded; opened alerts marked (triangles, grey when the alert overlaps no labelled fault).{(data.PumpsNotDrawn > 0 ? E($" {data.PumpsNotDrawn} more pumps with neither fault nor alert are not drawn.") : "")}</p>
            <div id="charts"></div>
            </section>
            <footer>Charts: Apache ECharts 6.1.0, Apache License 2.0 (its notice is at the top of the script below).</footer>
            <script type="application/json" id="report-data">{JsonSerializer.Serialize(data, ReportJsonContext.Default.ReportData)}</script>
            <script>
            {WebAssetFiles.Text(WebAssetFiles.ChartLibrary)}
            </script>
            <script>
            {WebAssetFiles.Text("report.js")}
            </script>
            </body>
            </html>

            """);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, html.ToString());
    }

    private static void Metrics(StringBuilder html, BacktestMetrics m)
    {
        var rows = new List<(string, string)>
        {
            ("pumps", N(m.Pumps)),
            ("windows scored", N(m.Windows)),
            ("partial windows (not scored)", N(m.PartialWindows)),
        };
        if (m.Labelled)
        {
            rows.AddRange(
            [
                ("precision", F(m.Precision)), ("recall", F(m.Recall)), ("F1", F(m.F1)),
                ("false-alarm rate FP/(FP+TN)", F(m.FalseAlarmRate)), ("missed-alarm rate FN/(FN+TP)", F(m.MissedAlarmRate)),
                ("faults detected", $"{N(m.EventsDetected)} of {N(m.Events)}"),
                ("median detection delay", M(m.MedianDetectionDelayMinutes, "after onset")),
                ("median lead time", M(m.MedianLeadTimeMinutes, "before the labelled end")),
                ("alerts opened", N(m.Alerts)),
                ("false alerts", $"{N(m.FalseAlerts)} ({F(m.FalseAlertsPerPumpDay)} per pump-day)"),
            ]);
        }
        else
        {
            rows.Add(("alerts opened", N(m.Alerts)));
        }

        rows.Add(("pump-days of data", m.PumpDays.ToString("0.00", CultureInfo.InvariantCulture)));
        html.Append("<section id=\"metrics\">\n<h2>Metrics</h2>\n");
        if (!m.Labelled)
        {
            html.Append("<p class=\"note\">No labels were given, so there is no precision, recall or detection delay.</p>\n");
        }

        html.Append("<table class=\"metrics\">\n");
        foreach (var (name, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void Confusion(StringBuilder html, BacktestMetrics m)
    {
        html.Append("<section id=\"confusion\">\n<h2>Confusion summary</h2>\n");
        if (!m.Labelled)
        {
            html.Append("<p class=\"note\">No labels, no confusion matrix.</p>\n</section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <table class="confusion">
            <tr><td></td><th>labelled fault</th><th>labelled normal</th></tr>
            <tr><th>score above threshold</th><td class="tp">{N(m.TruePositives)} true positives</td><td class="fp">{N(m.FalsePositives)} false positives</td></tr>
            <tr><th>at or below threshold</th><td class="fn">{N(m.FalseNegatives)} false negatives</td><td class="tn">{N(m.TrueNegatives)} true negatives</td></tr>
            </table>
            <p class="note">Over {N(m.Windows)} scored {(m.Windows == 1 ? "prediction" : "predictions")} outside training: {N(m.TruePositives + m.FalseNegatives)} labelled fault, {N(m.FalsePositives + m.TrueNegatives)} labelled normal.</p>
            </section>

            """);
    }

    private static void FaultKinds(StringBuilder html, DetectionReport report)
    {
        html.Append("<section id=\"faults\">\n<h2>Faults by kind</h2>\n");
        if (report.Faults.Count == 0)
        {
            html.Append("<p class=\"note\">No labelled faults.</p>\n</section>\n");
            return;
        }

        html.Append("<table class=\"kinds\">\n<tr><th>fault kind</th><th>labelled</th><th>detected</th><th>missed</th><th>median delay</th><th>delays (min after onset)</th></tr>\n");
        foreach (var kind in report.Faults.GroupBy(f => f.Fault.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var delays = kind.Where(f => f.Detected).Select(f => f.DelayMinutes!.Value).Order().ToList();
            var median = delays.Count == 0 ? (double?)null : delays.Count % 2 == 1 ? delays[delays.Count / 2] : (delays[(delays.Count / 2) - 1] + delays[delays.Count / 2]) / 2;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-kind=\"{E(kind.Key)}\"><td>{E(kind.Key)}</td><td>{kind.Count()}</td><td>{delays.Count}</td><td>{kind.Count() - delays.Count}</td><td>{E(M(median, ""))}</td><td>{E(string.Join(", ", delays.Select(d => d.ToString("0.0", CultureInfo.InvariantCulture))))}</td></tr>\n");
        }

        html.Append("</table>\n<table class=\"each\">\n<tr><th>pump</th><th>fault</th><th>from</th><th>to</th><th>outcome</th><th>delay</th><th>lead</th><th>first alert</th></tr>\n");
        foreach (var f in report.Faults)
        {
            var what = f.Fault.Sensor is null ? f.Fault.Kind : $"{f.Fault.Kind} ({f.Fault.Sensor})";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(f.Detected ? "detected" : "missed")}\"><td>{E(f.Fault.PumpId)}</td><td>{E(what)}</td><td>{E(EventTime.Format(f.Fault.Start))}</td><td>{E(f.Fault.IsOpenEnded ? "(open)" : EventTime.Format(f.Fault.End))}</td><td>{(f.Detected ? "detected" : "missed")}</td><td>{E(M(f.DelayMinutes, ""))}</td><td>{E(M(f.LeadMinutes, ""))}</td><td>{E(f.FirstAlert?.AlertId ?? "")}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    /// <summary>Each pump's scores bucketed in DuckDB (at most <see cref="PointsPerPump"/> per pump), with its faults and alerts.</summary>
    private static ReportData Timelines(ReportInput input)
    {
        using var command = input.Store.CreateCommand();
        command.CommandText = "SELECT min(window_end), max(window_end) FROM windows WHERE score IS NOT NULL";
        long bucket;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            bucket = reader.IsDBNull(0) ? 60_000_000 : TimeBuckets.WidthMicros(reader.GetDateTime(1) - reader.GetDateTime(0), PointsPerPump);
        }

        command.CommandText = """
            SELECT pump_id, epoch_ms(time_bucket(to_microseconds($bucket_us), window_end)) AS time_ms, max(score), max(threshold)
            FROM windows
            WHERE score IS NOT NULL
            GROUP BY ALL
            ORDER BY pump_id, time_ms
            """;
        command.Parameters.Add(new DuckDBParameter("bucket_us", bucket));
        var series = new Dictionary<string, (List<long> Times, List<double> Scores, List<double> Thresholds)>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (score, threshold) = (reader.GetDouble(2), reader.GetDouble(3));
                if (!double.IsFinite(score) || !double.IsFinite(threshold))
                {
                    continue;
                }

                var pump = reader.GetString(0);
                if (!series.TryGetValue(pump, out var s))
                {
                    series[pump] = s = ([], [], []);
                }

                s.Times.Add(reader.GetInt64(1));
                s.Scores.Add(score);
                s.Thresholds.Add(threshold);
            }
        }

        var falseAlerts = input.Evaluation.FalseAlerts.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        var faults = input.Evaluation.Faults.ToLookup(f => f.Fault.PumpId, StringComparer.Ordinal);
        var alerts = input.Opened.ToLookup(a => a.PumpId, StringComparer.Ordinal);
        var pumps = series.Keys.Union(faults.Select(g => g.Key)).Union(alerts.Select(g => g.Key)).ToList();
        var drawn = pumps.OrderBy(p => faults[p].Any() || alerts[p].Any() ? 0 : 1).ThenBy(p => p, Comparer<string>.Create(DashboardStore.NaturalOrder))
            .Take(MaxPumpsDrawn).Order(Comparer<string>.Create(DashboardStore.NaturalOrder)).ToList();
        return new ReportData(bucket / 1000, pumps.Count - drawn.Count, drawn.Select(p =>
        {
            var s = series.GetValueOrDefault(p, ([], [], []));
            return new ReportData.Pump(p, s.Times, s.Scores, s.Thresholds,
                faults[p].Select(f => new ReportData.Fault(f.Fault.Kind, f.Fault.Sensor, f.Fault.Start / 1000, f.Fault.IsOpenEnded ? null : f.Fault.End / 1000, f.Detected, f.DelayMinutes)).ToList(),
                alerts[p].Select(a => new ReportData.Alert(a.AlertId, a.WindowEnd / 1000, double.IsFinite(a.Score) ? a.Score : 0, a.Severity, falseAlerts.Contains(a.AlertId))).ToList());
        }).ToList());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string F(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string M(double? minutes, string suffix) =>
        minutes is { } v ? (v.ToString("0.0", CultureInfo.InvariantCulture) + " min " + suffix).TrimEnd() : "n/a";

    private static string Duration(long ms) =>
        ms % 86_400_000 == 0 ? $"{ms / 86_400_000} d" : ms % 3_600_000 == 0 ? $"{ms / 3_600_000} h" : ms % 60_000 == 0 ? $"{ms / 60_000} min" : $"{ms / 1000} s";
}

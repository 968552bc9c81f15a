using DuckDB.NET.Data;
using PumpWatch.Cli.Backtest;
using PumpWatch.Core.Evaluation;

namespace PumpWatch.Cli.Report;

/// <summary>What a backtest hands its report: what ran, the metrics, the event-level evaluation, the opened alerts and the flushed store.</summary>
internal sealed record ReportInput(string Input, string ModelId, DateTimeOffset Written, bool PerReading, BacktestMetrics Metrics,
    DetectionReport Evaluation, IReadOnlyList<OpenedAlert> Opened, DuckDBConnection Store);

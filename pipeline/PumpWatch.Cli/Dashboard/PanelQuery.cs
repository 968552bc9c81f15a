namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// One query of a panel, written twice over the same tables: for the embedded DuckDB store and for Timestream under
/// Grafana. The DuckDB text binds <c>$from</c>, <c>$to</c> (TIMESTAMP, half-open), <c>$bucket_us</c> (BIGINT; a bucket
/// is <c>epoch_us // $bucket_us</c>, which measured 40% faster than <c>time_bucket</c> over 10 M readings and groups the
/// same for widths that divide a day) and <c>$all</c> (BOOLEAN) as parameters; <c>${sensor}</c> is replaced by a quoted
/// column name from <see cref="DashboardPanels.Sensors"/> (an identifier cannot be a parameter) and <c>${pump_filter}</c>
/// by <c>list_contains($pumps, pump_id)</c> with <c>$pumps</c> bound, or by <c>true</c> for every pump. The Timestream text uses
/// the Grafana Timestream plugin's macros (<c>$__timeFilter</c>, <c>$__interval_ms</c>, <c>$__database</c>,
/// <c>$__table</c>: the database comes from the query's or the data source's configuration, never from the text), Grafana's
/// <c>${__from}</c> and <c>${__to}</c> (epoch milliseconds) and the dashboard variables <c>$pump</c> and <c>$sensor</c>; its
/// tables, columns and measure names are those <see cref="PumpWatch.Aws.Timestream.Store.TimestreamSchema"/> defines.
/// </summary>
/// <param name="RefId">Grafana's ref id (A, B, ...), also the key of this query's rows in the local API's answer.</param>
/// <param name="DuckDbSql">The query over the DuckDB store.</param>
/// <param name="TimestreamSql">The query over Timestream, for a Grafana panel target.</param>
/// <param name="TimestreamTable">The Timestream table that <c>$__table</c> names in <paramref name="TimestreamSql"/>.</param>
public sealed record PanelQuery(string RefId, string DuckDbSql, string TimestreamSql, string TimestreamTable);

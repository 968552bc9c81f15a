using PumpWatch.Cli.Dashboard;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard's Timestream queries against what the Timestream store writes (<see cref="WrittenTimestreamSchema"/>,
/// captured from the writer's WriteRecords calls): every table, column and measure name a query uses is written, and
/// every query is well formed (<see cref="TimestreamQueryCheck"/>). The checker's own test feeds it queries that are wrong
/// in each way it looks for, among them the names the panels used before they followed the writer.
/// </summary>
public sealed class TimestreamPanelQueryTests
{
    private static readonly string[] SensorNames = [.. DashboardPanels.Sensors.Select(s => s.Name)];

    public static TheoryData<string, string> Queries()
    {
        var data = new TheoryData<string, string>();
        foreach (var panel in DashboardPanels.All)
        {
            foreach (var query in panel.Queries)
            {
                data.Add(panel.Id, query.RefId);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_Timestream_query_names_only_what_the_writer_writes_and_is_well_formed(string panelId, string refId)
    {
        var tables = await WrittenTimestreamSchema.TablesAsync();
        var query = DashboardPanels.Find(panelId)!.Queries.Single(q => q.RefId == refId);

        var problems = TimestreamQueryCheck.Problems(query.TimestreamSql, query.TimestreamTable, tables, SensorNames);

        Assert.True(problems.Count == 0, $"{panelId}/{refId}:\n  {string.Join("\n  ", problems)}\n{query.TimestreamSql}");
        Assert.Contains("$__database.", query.TimestreamSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_captured_schema_has_the_four_tables_with_their_measures()
    {
        var tables = await WrittenTimestreamSchema.TablesAsync();

        // The table and measure names and the columns README's Timestream section documents for the store.
        Assert.Equal(["alerts", "quarantine", "readings", "windows"], tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["window"], tables["windows"].Measures);
        Assert.Superset(new HashSet<string> { "pump_id", "site", "time", "window_end_us", "score", "threshold", "reading_count" }, new HashSet<string>(tables["windows"].Columns));
        Assert.Superset(new HashSet<string> { "alert_id", "event", "severity", "window_start_us", "top_feature" }, new HashSet<string>(tables["alerts"].Columns));
        Assert.DoesNotContain("anomaly_score", tables["windows"].Columns);
    }

    public static TheoryData<string, string, string> WrongQueries => new()
    {
        { "windows", "SELECT max(anomaly_score) FROM $__database.$__table WHERE $__timeFilter", "column 'anomaly_score' is not written to windows" },
        { "alerts", "SELECT time, text FROM $__database.$__table WHERE $__timeFilter", "column 'text' is not written to alerts" },
        { "readings", "SELECT r.time FROM $__database.$__table r LEFT JOIN pumpwatch.windows w ON w.pump_id = r.pump_id", "JOIN is not followed by $__database.TABLE" },
        { "readings", "SELECT time FROM $__database.$__table WHERE measure_name = 'window'", "measure_name 'window' is not a measure of readings" },
        { "readings", "SELECT avg(temperature FROM $__database.$__table", "1 '(' never closed" },
        { "readings", "SELECT time FROM $__database.$__table WHERE $__timeFilters", "unknown macro '$__timeFilters'" },
        { "readings", "SELECT time FROM $__database.$__table WHERE pump_id IN ({pump})", "unexpected '{'" },
        { "readings", "SELECT x.time FROM $__database.$__table r", "'x.' qualifies a column but is no table alias" },
        { "readings", "SELECT time FROM $__database.forecasts", "table 'forecasts' is not one the writer writes" },
        { "windows", "SELECT avg($sensor) FROM $__database.$__table", "$sensor can be 'temperature', which no table of the query has" },
    };

    [Theory]
    [MemberData(nameof(WrongQueries))]
    public async Task The_check_finds_each_kind_of_mistake(string table, string sql, string expected)
    {
        var tables = await WrittenTimestreamSchema.TablesAsync();

        var problems = TimestreamQueryCheck.Problems(sql, table, tables, SensorNames);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}

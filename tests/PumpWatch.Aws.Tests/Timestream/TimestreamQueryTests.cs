using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Query;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>Query paging to the last page and typed reading of every Datum kind, over responses written from the QueryResponse shape.</summary>
public sealed class TimestreamQueryTests
{
    /// <summary>Text to double is exact: a literal and the same digits parsed give the same double.</summary>
    private const double ParseTolerance = 0;

    private const string PumpAndVibration = """[{"Name":"pump_id","Type":{"ScalarType":"VARCHAR"}},{"Name":"vibration","Type":{"ScalarType":"DOUBLE"}}]""";

    private static FakeResponse Page(string rows, string? nextToken, string columns = PumpAndVibration) => FakeResponse.Json(200,
        $$$"""{"QueryId":"AEBQEAMYNBGX","Rows":[{{{rows}}}],"ColumnInfo":{{{columns}}}{{{(nextToken is null ? "" : $",\"NextToken\":\"{nextToken}\"")}}},"QueryStatus":{"ProgressPercentage":100.0,"CumulativeBytesScanned":512,"CumulativeBytesMetered":10000000}}""");

    private static string Row(string pump, string vibration) => $$$"""{"Data":[{"ScalarValue":"{{{pump}}}"},{"ScalarValue":"{{{vibration}}}"}]}""";

    [Fact]
    public async Task Paging_continues_over_empty_pages_until_NextToken_is_null()
    {
        await using var server = FakeAwsServer.Sequence(
            Page("", "token-1"), // the query is still running: no rows yet
            Page(Row("1", "1.5") + "," + Row("2", "2.25"), "token-2"),
            Page("", "token-3"),
            Page(Row("3", "0.5"), null));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var rows = new List<QueryRow>();
        await foreach (var row in client.QueryRowsAsync("SELECT pump_id, vibration FROM \"pumpwatch\".\"readings\"", maxRows: 2))
        {
            rows.Add(row);
        }

        Assert.Equal(["1", "2", "3"], rows.Select(r => r["pump_id"].AsString()));
        Assert.Equal([1.5, 2.25, 0.5], rows.Select(r => r["vibration"].AsDouble()), new ToleranceComparer(ParseTolerance));
        var bodies = server.Requests.Select(r => r.BodyText).ToArray();
        Assert.Equal(4, bodies.Length);
        Assert.Equal("""{"QueryString":"SELECT pump_id, vibration FROM \u0022pumpwatch\u0022.\u0022readings\u0022","MaxRows":2}""", bodies[0]);
        // Later pages repeat the QueryString (the service requires the same one) with the latest token.
        Assert.Equal("""{"QueryString":"SELECT pump_id, vibration FROM \u0022pumpwatch\u0022.\u0022readings\u0022","NextToken":"token-3","MaxRows":2}""", bodies[3]);
    }

    [Fact]
    public async Task A_result_with_no_rows_at_all_is_empty_after_one_call()
    {
        await using var server = FakeAwsServer.Sequence(Page("", null));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var count = 0;
        await foreach (var _ in client.QueryRowsAsync("SELECT 1"))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Every_Datum_kind_is_read_with_its_column_type()
    {
        // ColumnInfo and Datum as the model defines them: Type {ScalarType | ArrayColumnInfo | TimeSeriesMeasureValueColumnInfo |
        // RowColumnInfo}; Datum {ScalarValue | TimeSeriesValue | ArrayValue | RowValue | NullValue}.
        const string columns = """
            [{"Name":"pump_id","Type":{"ScalarType":"VARCHAR"}},
             {"Name":"time","Type":{"ScalarType":"TIMESTAMP"}},
             {"Name":"reading_count","Type":{"ScalarType":"BIGINT"}},
             {"Name":"score","Type":{"ScalarType":"DOUBLE"}},
             {"Name":"complete","Type":{"ScalarType":"BOOLEAN"}},
             {"Name":"day","Type":{"ScalarType":"DATE"}},
             {"Name":"model_id","Type":{"ScalarType":"VARCHAR"}},
             {"Name":"scores","Type":{"ArrayColumnInfo":{"Type":{"ScalarType":"DOUBLE"}}}},
             {"Name":"window","Type":{"RowColumnInfo":[{"Name":"start","Type":{"ScalarType":"TIMESTAMP"}},{"Name":"readings","Type":{"ScalarType":"INTEGER"}}]}},
             {"Name":"vibration_series","Type":{"TimeSeriesMeasureValueColumnInfo":{"Type":{"ScalarType":"DOUBLE"}}}},
             {"Name":"ratio","Type":{"ScalarType":"DOUBLE"}}]
            """;
        const string row = """
            {"Data":[{"ScalarValue":"P-101"},
                     {"ScalarValue":"2026-05-01 00:00:01.123456789"},
                     {"ScalarValue":"60"},
                     {"ScalarValue":"0.71"},
                     {"ScalarValue":"false"},
                     {"ScalarValue":"2026-05-02"},
                     {"NullValue":true},
                     {"ArrayValue":[{"ScalarValue":"0.5"},{"NullValue":true},{"ScalarValue":"-1.25E-3"}]},
                     {"RowValue":{"Data":[{"ScalarValue":"2026-05-01 00:01:00.000000000"},{"ScalarValue":"59"}]}},
                     {"TimeSeriesValue":[{"Time":"2026-05-01 00:00:00.000000000","Value":{"ScalarValue":"1.5"}},
                                         {"Time":"2026-05-01 00:00:01.000000000","Value":{"NullValue":true}}]},
                     {"ScalarValue":"NaN"}]}
            """;
        await using var server = FakeAwsServer.Sequence(Page(row, null, columns));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var rows = new List<QueryRow>();
        await foreach (var r in client.QueryRowsAsync("SELECT ..."))
        {
            rows.Add(r);
        }

        var read = Assert.Single(rows);
        Assert.Equal("P-101", read.GetString("pump_id"));
        // 2026-05-01T00:00:00Z is 1777593600 s after the epoch; nanoseconds beyond the microsecond are dropped.
        Assert.Equal(1_777_593_601_123_456L, read.GetEventTime("time"));
        Assert.Equal(60L, read.GetInt64("reading_count"));
        Assert.Equal(0.71, read.GetDouble("score"), ParseTolerance);
        Assert.False(read.GetBoolean("complete"));
        Assert.Equal(1_777_593_600_000_000L + 86_400_000_000L, read.GetEventTime("day"));
        Assert.True(read["model_id"].IsNull);
        Assert.Null(read.GetString("model_id"));
        Assert.True(double.IsNaN(read.GetDouble("ratio")));

        var scores = read["scores"].AsArray();
        Assert.Equal([QueryValueKind.Scalar, QueryValueKind.Null, QueryValueKind.Scalar], scores.Select(v => v.Kind));
        Assert.Equal(0.5, scores[0].AsDouble(), ParseTolerance);
        Assert.Equal(-0.00125, scores[2].AsDouble(), ParseTolerance);
        Assert.Equal("DOUBLE", scores[0].ScalarType);

        var window = read["window"].AsRow();
        Assert.Equal((1_777_593_660_000_000L, 59L), (window.GetEventTime("start"), window.GetInt64("readings")));

        var series = read["vibration_series"].AsTimeSeries();
        Assert.Equal([1_777_593_600_000_000L, 1_777_593_601_000_000L], series.Select(p => p.Time));
        Assert.Equal(1.5, series[0].Value.AsDouble(), ParseTolerance);
        Assert.True(series[1].Value.IsNull);
    }

    [Fact]
    public async Task Asking_a_value_for_the_wrong_type_names_the_column_and_the_text()
    {
        await using var server = FakeAwsServer.Sequence(Page(Row("1", "1.5"), null));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var rows = new List<QueryRow>();
        await foreach (var r in client.QueryRowsAsync("SELECT 1"))
        {
            rows.Add(r);
        }

        var error = Assert.Throws<FormatException>(() => rows[0]["vibration"].AsInt64());
        Assert.Equal("column 'vibration' (DOUBLE) holds '1.5', not an integer", error.Message);
        var missing = Assert.Throws<KeyNotFoundException>(() => rows[0]["score"]);
        Assert.Contains("no column 'score' (columns: pump_id, vibration)", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_with_fewer_values_than_columns_is_a_clear_error()
    {
        await using var server = FakeAwsServer.Sequence(Page("""{"Data":[{"ScalarValue":"1"}]}""", null));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var error = await Assert.ThrowsAsync<FormatException>(async () =>
        {
            await foreach (var _ in client.QueryRowsAsync("SELECT 1"))
            {
            }
        });

        Assert.Equal("a Query result row has 1 values for 2 columns", error.Message);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Cli.Tests;

/// <summary>
/// <c>train</c> and <c>backtest</c> reading <c>timestream://DATABASE/TABLE</c> from local fake Timestream Query servers: one
/// answers DescribeEndpoints with the other's address, the other answers Query with the readings in pages shaped by the
/// timestream-query 2018-11-01 model (QueryId, Rows of Data, ColumnInfo, NextToken; an empty page in the middle; the same
/// QueryString required with a NextToken, as the service requires). The same readings in a JSON lines file must give the
/// same model: the model id is a hash of the model's content, so equal ids mean equal training.
/// </summary>
public sealed partial class TimestreamInputTests : IDisposable
{
    private const string Url = "timestream://pumpwatch/readings";
    private const string From = "2026-05-01T00:00:00Z";
    private const string To = "2026-05-01T02:00:00Z";
    private const long FromSeconds = 1_777_593_600; // 2026-05-01T00:00:00Z
    private const int PumpCount = 2;
    private const int Seconds = 90 * 60;
    private const int Every = 5;

    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private sealed record Row(string Pump, long Second, double Temperature, double Pressure, double FlowRate, double Vibration);

    /// <summary>Two pumps, a reading every 5 s for 90 minutes, values from a seeded generator; in time then pump order.</summary>
    private static List<Row> Readings()
    {
        var random = new Random(20260501);
        var rows = new List<Row>();
        for (var s = 0; s < Seconds; s += Every)
        {
            for (var p = 1; p <= PumpCount; p++)
            {
                rows.Add(new Row($"P-10{p}", FromSeconds + s, Math.Round(70 + (random.NextDouble() * 5), 3), Math.Round(250 + (random.NextDouble() * 20), 2),
                    Math.Round(600 + (random.NextDouble() * 30), 1), Math.Round(1.5 + (random.NextDouble() * 0.4), 4)));
            }
        }

        return rows;
    }

    private static string Timestamp(long second) =>
        DateTimeOffset.FromUnixTimeSeconds(second).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff00", CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void WriteJsonLines(string name, IEnumerable<Row> rows) =>
        File.WriteAllLines(_cli.PathOf(name), rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $$"""{"pump_id":"{{r.Pump}}","timestamp":"{{DateTimeOffset.FromUnixTimeSeconds(r.Second):yyyy-MM-ddTHH:mm:ssZ}}","temperature":{{Text(r.Temperature)}},"pressure":{{Text(r.Pressure)}},"flow_rate":{{Text(r.FlowRate)}},"vibration":{{Text(r.Vibration)}}}""")));

    /// <summary>A QueryResponse page: the columns SELECT * gives on the readings table (dimensions, measure_name, time, the multi-measure attributes).</summary>
    private static FakeResponse Page(IEnumerable<Row> rows, string? nextToken)
    {
        JsonObject Scalar(string value) => new() { ["ScalarValue"] = value };
        JsonObject Column(string name, string type) => new() { ["Name"] = name, ["Type"] = new JsonObject { ["ScalarType"] = type } };
        var page = new JsonObject
        {
            ["QueryId"] = "AEDQCANMVSVWKXNBTDBJGSVPK3JAVXL2XJXM5O6LPQ2FHQYOFQ2CKDIMOEH4ZBA",
            ["Rows"] = new JsonArray([.. rows.Select(r => new JsonObject
            {
                ["Data"] = new JsonArray(Scalar(r.Pump), Scalar("default"), Scalar("reading"), Scalar(Timestamp(r.Second)),
                    Scalar(Text(r.Temperature)), Scalar(Text(r.Pressure)), Scalar(Text(r.FlowRate)), Scalar(Text(r.Vibration))),
            })]),
            ["ColumnInfo"] = new JsonArray(Column("pump_id", "VARCHAR"), Column("site", "VARCHAR"), Column("measure_name", "VARCHAR"), Column("time", "TIMESTAMP"),
                Column("temperature", "DOUBLE"), Column("pressure", "DOUBLE"), Column("flow_rate", "DOUBLE"), Column("vibration", "DOUBLE")),
            ["QueryStatus"] = new JsonObject { ["ProgressPercentage"] = nextToken is null ? 100.0 : 50.0, ["CumulativeBytesScanned"] = 123456, ["CumulativeBytesMetered"] = 10000000 },
        };
        if (nextToken is not null)
        {
            page["NextToken"] = nextToken;
        }

        return FakeResponse.Json10(200, page.ToJsonString(), "req-query");
    }

    /// <summary>
    /// Answers each query's pages: the first 1000 rows with token "page-2", an empty page with token "page-3" (pages can be
    /// empty while a query runs), the rest with no token. A NextToken with another QueryString, or an unknown token, is a
    /// ValidationException, as the service answers.
    /// </summary>
    private static FakeAwsServer QueryServer(List<Row> rows)
    {
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        return new FakeAwsServer((request, _) =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var sql = body.RootElement.GetProperty("QueryString").GetString()!;
            var token = body.RootElement.TryGetProperty("NextToken", out var t) ? t.GetString() : null;
            lock (queries)
            {
                if (token is not null && (!queries.TryGetValue(token, out var first) || first != sql))
                {
                    return FakeResponse.Json10(400, """{"__type":"com.amazonaws.timestream.v20181101#ValidationException","Message":"Invalid pagination token"}""", "req-invalid");
                }

                queries["page-2"] = queries["page-3"] = sql;
            }

            return token switch
            {
                null => Page(rows.Take(1000), "page-2"),
                "page-2" => Page([], "page-3"),
                _ => Page(rows.Skip(1000), null),
            };
        });
    }

    /// <summary>DescribeEndpointsResponse (timestream-query 2018-11-01): the Query server's host:port, cached for a day.</summary>
    private static FakeAwsServer DiscoveryServer(Uri queryServer) =>
        new((_, _) => FakeResponse.Json10(200, $$$"""{"Endpoints":[{"Address":"{{{queryServer.Authority}}}","CachePeriodInMinutes":1440}]}""", "req-endpoints"));

    private void UseAws(Uri discovery)
    {
        _cli.Environment["AWS_REGION"] = "us-east-1";
        _cli.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        _cli.Environment["AWS_ENDPOINT_URL_TIMESTREAM_QUERY"] = discovery.ToString();
        _cli.Environment["AWS_ENABLE_ENDPOINT_DISCOVERY"] = "true";
    }

    private static string ModelId(string output) => TrainedModel().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no model id in: {output}");

    [GeneratedRegex("Trained model (if-[0-9a-f]{16})")]
    private static partial Regex TrainedModel();

    [Fact]
    public async Task Train_from_Timestream_pages_gives_the_model_the_same_readings_in_a_file_give()
    {
        var rows = Readings();
        WriteJsonLines("readings.jsonl", rows);
        await using var query = QueryServer(rows);
        await using var discovery = DiscoveryServer(query.Url);
        UseAws(discovery.Url);

        var fromTimestream = _cli.Run("train", Url, "--from", From, "--to", To, "--out", "ts.json");
        var fromFile = _cli.Run("train", "readings.jsonl", "--from", From, "--to", To, "--out", "file.json");

        Assert.True(fromTimestream.Code == 0, fromTimestream.Err);
        Assert.True(fromFile.Code == 0, fromFile.Err);
        Assert.Equal(ModelId(fromFile.Out), ModelId(fromTimestream.Out));
        Assert.Contains($"{PumpCount * Seconds / Every} readings from 2 pumps", fromTimestream.Out, StringComparison.Ordinal);

        // Discovery first, at the configured endpoint; then three pages at the address it named, with the same SQL.
        var described = Assert.Single(discovery.Requests);
        Assert.Equal("Timestream_20181101.DescribeEndpoints", described.Header("x-amz-target"));
        var pages = query.Requests.ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal("Timestream_20181101.Query", p.Header("x-amz-target")));
        Assert.All(pages, p => Assert.Equal(query.Url.Authority, p.Header("host")));
        var sql = JsonDocument.Parse(pages[0].Body).RootElement.GetProperty("QueryString").GetString()!;
        Assert.Contains("FROM \"pumpwatch\".\"readings\"", sql, StringComparison.Ordinal);
        Assert.Contains("\"site\" = 'default'", sql, StringComparison.Ordinal);
        // --from and --to in nanoseconds: 1777593600 s and 7200 s later.
        Assert.Contains(">= from_nanoseconds(1777593600000000000)", sql, StringComparison.Ordinal);
        Assert.Contains("< from_nanoseconds(1777600800000000000)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_from_Timestream_trains_and_scores_as_from_the_same_file()
    {
        var rows = Readings();
        WriteJsonLines("readings.jsonl", rows);
        await using var query = QueryServer(rows);
        await using var discovery = DiscoveryServer(query.Url);
        UseAws(discovery.Url);
        _cli.Environment.Remove("AWS_ENDPOINT_URL_TIMESTREAM_QUERY");

        // The endpoint by flag this time: --aws-endpoint wins over the environment.
        var fromTimestream = _cli.Run("backtest", Url, "--from", From, "--to", To, "--train-rows", "600", "--aws-endpoint", discovery.Url.ToString(), "--out", "bt-ts");
        var fromFile = _cli.Run("backtest", "readings.jsonl", "--train-rows", "600", "--out", "bt-file");

        Assert.True(fromTimestream.Code == 0, fromTimestream.Err);
        Assert.True(fromFile.Code == 0, fromFile.Err);
        Assert.Equal(ModelId(fromFile.Out), ModelId(fromTimestream.Out));
        Assert.Equal(File.ReadAllText(_cli.PathOf("bt-file/predictions.csv")), File.ReadAllText(_cli.PathOf("bt-ts/predictions.csv")));
        Assert.Equal(6, query.Requests.Count); // training pass and replay, three pages each
    }

    [Theory]
    [InlineData("timestream://pumpwatch", "not timestream://DATABASE/TABLE")]
    [InlineData("timestream://pumpwatch/readings/extra", "not timestream://DATABASE/TABLE")]
    [InlineData("timestream:///readings", "not timestream://DATABASE/TABLE")]
    [InlineData("timestream://db/readings", "the database name 'db' must be 3 to 256 characters")]
    [InlineData("timestream://pumpwatch/readings?region=eu-west-1", "'region=eu-west-1' is not site=NAME")]
    public void A_bad_URL_is_one_line_naming_it(string url, string expected)
    {
        UseAws(new Uri("http://127.0.0.1:9/"));

        var result = _cli.Run("train", url, "--from", From, "--to", To);

        Assert.NotEqual(0, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains(url, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestream_input_without_a_range_or_region_is_one_line()
    {
        UseAws(new Uri("http://127.0.0.1:9/"));
        var noRange = _cli.Run("train", Url, "--from", From);
        _cli.Environment["AWS_REGION"] = "";
        var noRegion = _cli.Run("train", Url, "--from", From, "--to", To);

        Assert.Equal(2, noRange.Code);
        Assert.Contains("needs --from and --to", Assert.Single(noRange.Err.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(2, noRegion.Code);
        Assert.Contains("no AWS region", Assert.Single(noRegion.Err.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_service_refuses_is_one_line_with_its_error()
    {
        await using var query = new FakeAwsServer((_, _) =>
            FakeResponse.Json10(400, """{"__type":"com.amazonaws.timestream.v20181101#ValidationException","Message":"The table readings does not exist."}""", "req-missing"));
        await using var discovery = DiscoveryServer(query.Url);
        UseAws(discovery.Url);

        var result = _cli.Run("train", Url, "--from", From, "--to", To);

        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains(Url, line, StringComparison.Ordinal);
        Assert.Contains("ValidationException: The table readings does not exist.", line, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary><c>--alert-sink</c> on the verbs that raise alerts: every alert reaches every sink, and bad values are one line.</summary>
public sealed class AlertSinkOptionTests : IDisposable
{
    private const string TopicArn = "arn:aws:sns:us-east-1:000000000000:pump-alerts";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CliProcess _cli = new();

    public AlertSinkOptionTests()
    {
        // Dummy keys for signing against the local server; no AWS configuration of the machine leaks in.
        _cli.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        _cli.Environment["AWS_REGION"] = "us-east-1";
        _cli.Environment["AWS_ENDPOINT_URL"] = "";
        _cli.Environment["AWS_ENDPOINT_URL_SNS"] = "";
    }

    public void Dispose() => _cli.Dispose();

    private void WriteReadings()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(3, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(6), 4, 0.001));
        File.WriteAllLines(_cli.PathOf("readings.jsonl"), simulator.Generate().Select(r => r.ToLine()));
    }

    private (int Code, string Out, string Err) Backtest(params string[] extra) =>
        _cli.Run(["backtest", "readings.jsonl", "--train-to", "2026-05-01T02:00:00Z", "--out", "bt", .. extra]);

    private static void AssertOneLine((int Code, string Out, string Err) result, params string[] named)
    {
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pumpwatch: ", line, StringComparison.Ordinal);
        foreach (var text in named)
        {
            Assert.Contains(text, line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("backtest")]
    public void A_bad_sink_is_one_line_naming_it_and_the_accepted_forms(string verb)
    {
        var args = verb == "demo" ? new[] { "demo", "--alert-sink", "slack:#pumps" } : ["backtest", "r.jsonl", "--train-rows", "100", "--alert-sink", "slack:#pumps"];

        AssertOneLine(_cli.Run(args), "--alert-sink 'slack:#pumps'", "console, jsonl:PATH, webhook:URL", "sns:TOPIC_ARN");
    }

    [Fact]
    public void A_topic_in_another_region_than_AWS_REGION_is_refused_in_one_line_before_training()
    {
        WriteReadings();
        _cli.Environment["AWS_REGION"] = "eu-west-1";

        var result = Backtest("--alert-sink", "sns:" + TopicArn);

        AssertOneLine(result, "topic is in us-east-1", "AWS_REGION is eu-west-1");
        Assert.DoesNotContain("Trained model", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_AWS_credentials_an_SNS_sink_is_refused_in_one_line()
    {
        _cli.Environment["AWS_ACCESS_KEY_ID"] = "";
        _cli.Environment["AWS_SECRET_ACCESS_KEY"] = "";
        _cli.Environment["AWS_PROFILE"] = "pumpwatch-test-no-such-profile";
        _cli.Environment["AWS_SHARED_CREDENTIALS_FILE"] = _cli.PathOf("no-credentials");
        _cli.Environment["AWS_CONFIG_FILE"] = _cli.PathOf("no-config");

        var result = _cli.Run("demo", "--alert-sink", "sns:" + TopicArn, "--duration", "00:20:00", "--warmup", "00:10:00");

        AssertOneLine(result, "--alert-sink sns:" + TopicArn, "no AWS credentials");
    }

    [Fact]
    public void A_bad_endpoint_is_one_line()
    {
        WriteReadings();

        AssertOneLine(Backtest("--alert-sink", "sns:" + TopicArn, "--aws-endpoint", "localhost:4566"), "--aws-endpoint 'localhost:4566'");
    }

    [Fact]
    public async Task Backtest_alerts_reach_a_webhook_and_a_second_file_as_they_reach_alerts_jsonl()
    {
        WriteReadings();
        await using var webhook = await LoopbackHttpServer.StartAsync(200);

        var result = Backtest("--alert-sink", $"webhook:{webhook.Url}hook", "--alert-sink", "jsonl:extra.jsonl");

        Assert.True(result.Code == 0, result.Err);
        var lines = File.ReadAllLines(_cli.PathOf("bt/alerts.jsonl"));
        Assert.NotEmpty(lines);
        Assert.Equal(lines, File.ReadAllLines(_cli.PathOf("extra.jsonl")));
        Assert.Equal(lines, webhook.Requests.Select(r => r.Body));
        Assert.All(webhook.Requests, r => Assert.Equal("/hook", r.Path));
    }

    [Fact]
    public async Task Backtest_alerts_reach_an_SNS_topic_at_the_given_endpoint_with_site_and_score_attributes()
    {
        WriteReadings();
        await using var sns = await LoopbackHttpServer.StartAsync((n, _) => Task.FromResult((200, "text/xml", $"""
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>m-{n}</MessageId></PublishResult>
              <ResponseMetadata><RequestId>r-{n}</RequestId></ResponseMetadata>
            </PublishResponse>
            """)));

        var result = Backtest("--alert-sink", "sns:" + TopicArn, "--aws-endpoint", sns.Url.ToString(), "--alert-site", "north-field");

        Assert.True(result.Code == 0, result.Err);
        var alerts = File.ReadAllLines(_cli.PathOf("bt/alerts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(alerts);
        var publishes = sns.Requests.Select(r => Form(r.Body)).ToList();
        Assert.Equal(alerts.Count, publishes.Count);
        for (var i = 0; i < alerts.Count; i++)
        {
            var form = publishes[i];
            Assert.Equal("Publish", form["Action"]);
            Assert.Equal(TopicArn, form["TopicArn"]);
            var attributes = Attributes(form);
            Assert.Equal("north-field", attributes["site"]);
            Assert.Equal(alerts[i].GetProperty("pump_id").GetString(), attributes["pump_id"]);
            Assert.Equal(alerts[i].GetProperty("severity").GetString(), attributes["severity"]);
        }

        Assert.All(sns.Requests, r => Assert.Contains("/us-east-1/sns/aws4_request", r.Headers["authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Undelivered_alerts_are_warnings_and_exit_code_4_with_every_result_still_written()
    {
        WriteReadings();
        await using var webhook = await LoopbackHttpServer.StartAsync(404);

        var result = Backtest("--alert-sink", $"webhook:{webhook.Url}gone");

        Assert.Equal(4, result.Code);
        var alerts = File.ReadAllLines(_cli.PathOf("bt/alerts.jsonl"));
        var warnings = result.Err.Split('\n').Where(l => l.Contains("not delivered to webhook:", StringComparison.Ordinal)).ToList();
        Assert.Equal(alerts.Length, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("answered 404", w, StringComparison.Ordinal));
        Assert.True(File.Exists(_cli.PathOf("bt/metrics.json")));
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    private static Dictionary<string, string> Attributes(Dictionary<string, string> form)
    {
        var attributes = new Dictionary<string, string>();
        for (var n = 1; form.TryGetValue($"MessageAttributes.entry.{n}.Name", out var name); n++)
        {
            attributes[name] = form[$"MessageAttributes.entry.{n}.Value.StringValue"];
        }

        return attributes;
    }
}

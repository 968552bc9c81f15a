using System.Text;
using System.Text.Json;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Sns;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;

namespace PumpWatch.Aws.Tests.Sns;

/// <summary>What subscribers of the alert topic receive: subject, per-protocol message, filterable attributes, and SNS's limits kept.</summary>
public sealed class SnsAlertSinkTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:000000000000:pump-alerts";
    private const long Minute = 60_000_000;

    private static readonly string PublishedXml = """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult><MessageId>m-1</MessageId></PublishResult>
          <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
        </PublishResponse>
        """;

    private static Alert Critical(string pumpId = "3", IReadOnlyList<FeatureContribution>? features = null) =>
        new($"{pumpId}@2026-05-01T00:01:00Z", AlertEventKind.Opened, pumpId, AlertSeverity.Critical, 0, Minute, 0.712, 0.58, "if-abc",
            features ?? [new FeatureContribution("vibration.mean", 0.43, 4.1, 1.8, 0.3, 0, "mm/s RMS")], "vibration zone C");

    private static async Task<FakeRequest> PublishOne(Alert alert, string? site = "north-field")
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        await using var sink = new SnsAlertSink(Clients.Sns(http, Clients.Options(server.Url)), TopicArn, site);
        await sink.PublishAsync(alert, CancellationToken.None);
        return Assert.Single(server.Requests);
    }

    private static Dictionary<string, (string DataType, string Value)> Attributes(FakeRequest request)
    {
        var pairs = FormBody.Pairs(request).ToDictionary(p => p.Key, p => p.Value);
        var attributes = new Dictionary<string, (string, string)>();
        for (var n = 1; pairs.TryGetValue($"MessageAttributes.entry.{n}.Name", out var name); n++)
        {
            attributes[name] = (pairs[$"MessageAttributes.entry.{n}.Value.DataType"], pairs[$"MessageAttributes.entry.{n}.Value.StringValue"]);
        }

        return attributes;
    }

    [Fact]
    public async Task An_alert_carries_filterable_attributes_for_pump_site_severity_and_score()
    {
        var sent = await PublishOne(Critical());

        var attributes = Attributes(sent);
        Assert.Equal(("String", "3"), attributes["pump_id"]);
        Assert.Equal(("String", "north-field"), attributes["site"]);
        Assert.Equal(("String", "critical"), attributes["severity"]);
        Assert.Equal(("Number", "0.712"), attributes["anomaly_score"]);
        Assert.Equal(("String", "opened"), attributes["event"]);
        Assert.Equal(("String", "if-abc"), attributes["model_id"]);
        Assert.Equal(6, attributes.Count);
        Assert.Equal(TopicArn, FormBody.Value(sent, "TopicArn"));
    }

    [Fact]
    public async Task Email_gets_the_text_and_machine_subscribers_the_JSON()
    {
        var sent = await PublishOne(Critical());

        Assert.Equal("[CRITICAL] pump 3 anomaly: score 0.712 > threshold 0.580", FormBody.Value(sent, "Subject"));
        Assert.Equal("json", FormBody.Value(sent, "MessageStructure"));
        var message = JsonDocument.Parse(FormBody.Value(sent, "Message")).RootElement;
        Assert.StartsWith("[CRITICAL] pump 3 anomaly", message.GetProperty("default").GetString(), StringComparison.Ordinal);
        Assert.Equal(message.GetProperty("default").GetString(), message.GetProperty("email").GetString());
        Assert.Equal("[CRITICAL] pump 3 anomaly: score 0.712 > threshold 0.580", message.GetProperty("sms").GetString());
        foreach (var protocol in new[] { "sqs", "lambda", "http", "https", "email-json" })
        {
            var json = JsonDocument.Parse(message.GetProperty(protocol).GetString()!).RootElement;
            Assert.Equal("3", json.GetProperty("pump_id").GetString());
            Assert.Equal("vibration.mean", json.GetProperty("top_features")[0].GetProperty("feature").GetString());
        }
    }

    [Fact]
    public async Task A_silence_event_has_no_score_attribute_and_no_site_when_none_is_configured()
    {
        var silent = new Alert(Alert.SilenceIdFor("7", 0), AlertEventKind.PumpSilent, "7", AlertSeverity.Warning, 0, 10 * Minute, double.NaN, 0.58, "if-abc", [], null);

        var attributes = Attributes(await PublishOne(silent, site: null));

        Assert.False(attributes.ContainsKey("anomaly_score"));
        Assert.False(attributes.ContainsKey("site"));
        Assert.Equal(("String", "pump_silent"), attributes["event"]);
    }

    [Fact]
    public async Task A_subject_SNS_would_refuse_is_made_printable_ASCII_and_cut_below_100_characters()
    {
        var pumpId = "Pumpe S\u00fcd\n" + new string('x', 120);

        var subject = FormBody.Value(await PublishOne(Critical(pumpId)), "Subject");

        // "[CRITICAL] pump " is 16 characters; then "Pumpe S?d?" and x's up to 96 characters, then "...".
        Assert.Equal("[CRITICAL] pump Pumpe S?d?" + new string('x', 96 - 26) + "...", subject);
        Assert.Equal(99, subject.Length);
    }

    [Fact]
    public async Task An_alert_over_256_KB_leaves_out_its_least_contributing_features_and_says_so()
    {
        // 4,000 features of 100-character names: about 0.5 MB of text and more of JSON, far past SNS's 262,144 bytes.
        var features = Enumerable.Range(0, 4000)
            .Select(i => new FeatureContribution($"sensor_{i:D4}." + new string('m', 88), 1.0 / 4000, 1, 0, 1))
            .ToList();

        var sent = await PublishOne(Critical(features: features));

        var message = FormBody.Value(sent, "Message");
        var attributeBytes = Attributes(sent).Sum(a => Encoding.UTF8.GetByteCount(a.Key) + a.Value.DataType.Length + Encoding.UTF8.GetByteCount(a.Value.Value));
        Assert.InRange(Encoding.UTF8.GetByteCount(message) + attributeBytes, 200_000, 262_144);
        var text = JsonDocument.Parse(message).RootElement.GetProperty("default").GetString()!;
        var json = JsonDocument.Parse(JsonDocument.Parse(message).RootElement.GetProperty("sqs").GetString()!).RootElement;
        var kept = json.GetProperty("top_features").GetArrayLength();
        Assert.InRange(kept, 1, 3999);
        // The most contributing come first in an alert, so the first are kept and the last left out.
        Assert.Contains("sensor 0000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sensor 3999", text, StringComparison.Ordinal);
        Assert.Contains($"({4000 - kept} less contributing features left out", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_too_large_even_without_features_is_not_sent_and_names_the_alert()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        await using var sink = new SnsAlertSink(Clients.Sns(http, Clients.Options(server.Url)), TopicArn);
        var huge = Critical() with { Context = new string('c', 300_000) };

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.PublishAsync(huge, CancellationToken.None).AsTask());

        Assert.Empty(server.Requests);
        Assert.Equal("3@2026-05-01T00:01:00Z", error.AlertId);
        Assert.Equal("sns:" + TopicArn, error.Sink);
        Assert.Contains("even without its features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_publish_is_an_AlertDeliveryException_with_the_services_error()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(404, """
            <ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>req-nf</RequestId></ErrorResponse>
            """));
        using var http = Clients.Http();
        await using var sink = new SnsAlertSink(Clients.Sns(http, Clients.Options(server.Url)), TopicArn);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.PublishAsync(Critical(), CancellationToken.None).AsTask());

        var inner = Assert.IsType<AwsServiceException>(error.InnerException);
        Assert.Equal("NotFound", inner.ErrorCode);
        Assert.Contains("not delivered to sns:" + TopicArn, error.Message, StringComparison.Ordinal);
        Assert.Contains("Topic does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("req-nf", error.Message, StringComparison.Ordinal);
    }
}

using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Sns;
using PumpWatch.Aws.Sns.Model;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;
using Canned = PumpWatch.Aws.Tests.Conformance.SnsCannedResponses;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Our <see cref="SnsClient"/> against the official <c>@aws-sdk/client-sns</c>: the same input gives the same query form
/// on the wire (compared as decoded pairs), and the same canned answer the same output or error. Map entries are given in
/// ordinal order of their names, the order ours numbers them in (the official SDK numbers them in input order).
/// </summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class SnsConformanceTests(OfficialSdk sdk)
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:pump-alerts";

    private static FakeResponse TopicCreated { get; } = new(200, $"""
        <CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <CreateTopicResult><TopicArn>{TopicArn}</TopicArn></CreateTopicResult>
          <ResponseMetadata><RequestId>a8dec8b3-33a4-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
        </CreateTopicResponse>
        """, new Dictionary<string, string> { ["x-amzn-RequestId"] = "a8dec8b3-33a4-11df-8963-01868b7c937a" }) { ContentType = Canned.XmlContentType };

    private Task<ConformanceResult<TResponse>> Sns<TRequest, TResponse>(string command, TRequest request, FakeResponse canned, Func<ISnsClient, TRequest, Task<TResponse>> call)
        where TRequest : notnull =>
        Conformance.RunAsync(sdk, new ConformanceCase("sns", command, "sns", request, canned), async url =>
        {
            using var http = Clients.Http();
            var options = new AwsClientOptions(ConformanceCredentials.Region, ConformanceCredentials.Aws()) { ServiceUrl = url, MaxAttempts = 1 };
            return await call(new SnsClient(http, options, Clients.Retry(options), TimeProvider.System), request);
        });

    private static PublishRequest Publish() => new("Pump p-1: bearing wear, vibration 4.6 mm/s (zone D) & rising 100% \u2014 \u00fc *~'()!")
    {
        TopicArn = TopicArn,
        Subject = "[CRITICAL] pump p-1 anomaly: score 0.713 > threshold 0.580",
        MessageAttributes = new SortedDictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            ["anomaly_score"] = MessageAttributeValue.Number("0.7125"),
            ["pump_id"] = MessageAttributeValue.String("p-1"),
            ["raw"] = new("Binary") { BinaryValue = new byte[] { 0xFF, 0x00, 0x7B } },
            ["site"] = MessageAttributeValue.String("north field"),
        },
        MessageGroupId = "p-1",
        MessageDeduplicationId = "p-1@2026-05-01T00:01:00Z",
    };

    [OfficialSdkFact]
    public async Task Publish_with_every_kind_of_member_matches_and_reads_the_message_id()
    {
        var result = await Sns("Publish", Publish(), Canned.Published, (c, r) => c.PublishAsync(r));

        Assert.Equal(Canned.MessageId, result.OurResponse!.MessageId);
    }

    [OfficialSdkFact]
    public async Task An_alert_as_the_SNS_sink_publishes_it_matches()
    {
        var alert = new Alert("p-1@2026-05-01T00:01:00Z", AlertEventKind.Opened, "p-1", AlertSeverity.Critical, 0, 60_000_000, 0.7125, 0.58, "if-abc",
            [new FeatureContribution("vibration.mean", 0.43, 4.6, 1.8, 0.3, 2.5, "mm/s RMS")], "vibration zone D", "bearing wear?");
        var (request, _, _) = SnsAlertMessage.Build(alert, TopicArn, "north field");

        await Sns("Publish", request!, Canned.Published, (c, r) => c.PublishAsync(r));
    }

    [OfficialSdkFact]
    public async Task CreateTopic_with_attributes_and_tags_matches_and_reads_the_topic_arn()
    {
        var request = new CreateTopicRequest("pump-alerts")
        {
            Attributes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["DisplayName"] = "Pumps", ["KmsMasterKeyId"] = "alias/aws/sns" },
            Tags = [new Tag("team", "maintenance"), new Tag("site", "north field")],
        };

        var result = await Sns("CreateTopic", request, TopicCreated, (c, r) => c.CreateTopicAsync(r));

        Assert.Equal(TopicArn, result.OurResponse!.TopicArn);
    }

    [OfficialSdkTheory]
    [InlineData(nameof(Canned.TopicNotFound))]
    [InlineData(nameof(Canned.Throttled))]
    [InlineData(nameof(Canned.InternalError))]
    public async Task Publish_errors_give_the_same_code_status_request_id_and_message(string cannedName)
    {
        var canned = (FakeResponse)typeof(Canned).GetProperty(cannedName)!.GetValue(null)!;

        var result = await Sns("Publish", Publish(), canned, (c, r) => c.PublishAsync(r));

        Assert.NotNull(result.OurError);
    }
}

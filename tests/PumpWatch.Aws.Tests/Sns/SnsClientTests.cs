using System.Net;
using System.Security.Cryptography;
using System.Text;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Sns.Model;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Tests.Http;

namespace PumpWatch.Aws.Tests.Sns;

/// <summary>
/// The SNS client against a scripted local server: the query-protocol form it sends (names written out by hand from the
/// model sns-2010-03-31), the XML it reads, and its retry and error paths.
/// </summary>
public sealed class SnsClientTests
{
    private const string TopicArn = "arn:aws:sns:us-east-1:000000000000:pump-alerts";
    private const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    private static readonly string PublishedXml = $"""
        <PublishResponse xmlns="{Namespace}">
          <PublishResult>
            <MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId>
          </PublishResult>
          <ResponseMetadata>
            <RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>
          </ResponseMetadata>
        </PublishResponse>
        """;

    private static readonly PublishRequest Simple = new("pump 3 vibration high") { TopicArn = TopicArn };

    private static FakeResponse Error(int status, string type, string code, string requestId = "req-body", string? headerRequestId = null) =>
        FakeResponse.Xml(status, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error><Type>{type}</Type><Code>{code}</Code><Message>{code} from the fake</Message></Error>
              <RequestId>{requestId}</RequestId>
            </ErrorResponse>
            """, headerRequestId);

    private static PumpWatch.Aws.Configuration.AwsClientOptions Options(Uri url, int maxAttempts = 4) =>
        Clients.Options(url) with
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            RetryBudget = TimeSpan.FromSeconds(10),
        };

    [Fact]
    public async Task Publish_sends_every_member_under_the_models_names()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));
        var request = new PublishRequest("{\"default\":\"pump 3 & 4: 100% vibration\"}")
        {
            TopicArn = TopicArn,
            Subject = "[CRITICAL] pump 3",
            MessageStructure = "json",
            MessageGroupId = "pump-3",
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["pump_id"] = MessageAttributeValue.String("3"),
                ["anomaly_score"] = MessageAttributeValue.Number("0.712"),
                ["raw"] = new("Binary") { BinaryValue = new byte[] { 1, 2, 3 } },
            },
        };

        await client.PublishAsync(request);

        var sent = Assert.Single(server.Requests);
        // PublishInput's members and MessageAttributeMap's entry names (locationName Name / Value); entries are numbered
        // from 1 in ordinal order of the attribute names; a blob is base64 ([1,2,3] is "AQID").
        string[] expected =
        [
            "Action=Publish",
            "Version=2010-03-31",
            "TopicArn=" + TopicArn,
            "Message={\"default\":\"pump 3 & 4: 100% vibration\"}",
            "Subject=[CRITICAL] pump 3",
            "MessageStructure=json",
            "MessageAttributes.entry.1.Name=anomaly_score",
            "MessageAttributes.entry.1.Value.DataType=Number",
            "MessageAttributes.entry.1.Value.StringValue=0.712",
            "MessageAttributes.entry.2.Name=pump_id",
            "MessageAttributes.entry.2.Value.DataType=String",
            "MessageAttributes.entry.2.Value.StringValue=3",
            "MessageAttributes.entry.3.Name=raw",
            "MessageAttributes.entry.3.Value.DataType=Binary",
            "MessageAttributes.entry.3.Value.BinaryValue=AQID",
            "MessageGroupId=pump-3",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), FormBody.Sorted(FormBody.Pairs(sent)));
        // Action and Version lead, as the AWS SDKs write them.
        Assert.Equal(["Action", "Version"], FormBody.Pairs(sent).Take(2).Select(p => p.Key));
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/", sent.Path);
        Assert.Equal("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        Assert.Equal("", sent.Header("X-Amz-Target"));
    }

    [Fact]
    public async Task Form_values_are_percent_encoded_as_RFC_3986_asks()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        await client.PublishAsync(new PublishRequest("a b+c&d=\u00e9~*!'()/") { TopicArn = TopicArn });

        // By hand: space %20, + %2B, & %26, = %3D, U+00E9 is UTF-8 C3 A9, ~ stays, * ! ' ( ) / are escaped.
        Assert.Contains("&Message=a%20b%2Bc%26d%3D%C3%A9~%2A%21%27%28%29%2F", Assert.Single(server.Requests).BodyText, StringComparison.Ordinal);
        Assert.StartsWith("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Apump-alerts&", server.Requests.Single().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_sent_are_the_bytes_signed()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        await client.PublishAsync(Simple);

        var sent = Assert.Single(server.Requests);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent.Body)), sent.Header("X-Amz-Content-SHA256"));
        Assert.Equal(sent.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("Content-Length"));
        // The signature recomputed from the SigV4 specification over what arrived: method, path, signed headers (the
        // form's Content-Type among them) and body.
        var (credential, signed, signature) = SigV4Reference.ParseAuthorization(sent.Header("Authorization"));
        Assert.StartsWith("AKIDEXAMPLE/", credential, StringComparison.Ordinal);
        Assert.EndsWith("/us-east-1/sns/aws4_request", credential, StringComparison.Ordinal);
        Assert.Contains("content-type", signed);
        Assert.Equal(
            SigV4Reference.Signature("POST", "/", sent.Headers, signed, sent.Body, sent.Header("X-Amz-Date"), "us-east-1", "sns", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            signature);
    }

    [Fact]
    public async Task Publish_reads_the_message_id_from_the_XML_result()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, $"""
            <PublishResponse xmlns="{Namespace}">
              <PublishResult><MessageId>m-1</MessageId><SequenceNumber>10000000000000003000</SequenceNumber></PublishResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </PublishResponse>
            """));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var response = await client.PublishAsync(Simple);

        Assert.Equal("m-1", response.MessageId);
        Assert.Equal("10000000000000003000", response.SequenceNumber);
    }

    [Fact]
    public async Task CreateTopic_sends_attributes_and_tags_under_the_models_names_and_reads_the_arn()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, $"""
            <CreateTopicResponse xmlns="{Namespace}">
              <CreateTopicResult><TopicArn>{TopicArn}</TopicArn></CreateTopicResult>
              <ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>
            </CreateTopicResponse>
            """));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var response = await client.CreateTopicAsync(new CreateTopicRequest("pump-alerts")
        {
            Attributes = new Dictionary<string, string> { ["KmsMasterKeyId"] = "alias/aws/sns", ["DisplayName"] = "Pumps" },
            Tags = [new Tag("team", "maintenance")],
        });

        Assert.Equal(TopicArn, response.TopicArn);
        // TopicAttributesMap has no locationName on key or value: the protocol's defaults "key" and "value"; TagList's items are "member".
        string[] expected =
        [
            "Action=CreateTopic", "Version=2010-03-31", "Name=pump-alerts",
            "Attributes.entry.1.key=DisplayName", "Attributes.entry.1.value=Pumps",
            "Attributes.entry.2.key=KmsMasterKeyId", "Attributes.entry.2.value=alias/aws/sns",
            "Tags.member.1.Key=team", "Tags.member.1.Value=maintenance",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), FormBody.Sorted(FormBody.Pairs(Assert.Single(server.Requests))));
    }

    [Theory]
    [InlineData(400, "Sender", "Throttling")]
    [InlineData(429, "Sender", "Throttled")]
    [InlineData(400, "Sender", "KMSThrottling")]
    [InlineData(500, "Receiver", "InternalError")]
    [InlineData(503, "Receiver", "ServiceUnavailable")]
    public async Task Throttling_and_server_errors_are_retried_until_success(int status, string type, string code)
    {
        await using var server = FakeAwsServer.Sequence(Error(status, type, code), Error(status, type, code), FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var delay = new RecordingDelay();
        var client = Clients.Sns(http, Options(server.Url), delay);

        var response = await client.PublishAsync(Simple);

        Assert.Equal("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", response.MessageId);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, delay.Delays.Count);
        Assert.InRange(delay.Delays[0], TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.InRange(delay.Delays[1], TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        // Every attempt is signed afresh and carries the same form.
        Assert.Single(server.Requests.Select(r => r.BodyText).Distinct());
    }

    [Fact]
    public async Task Persistent_throttling_stops_within_the_budget_with_code_and_request_id()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "Sender", "Throttling", requestId: "req-throttled"));
        using var http = Clients.Http();
        var delay = new RecordingDelay();
        var cap = TimeSpan.FromMilliseconds(100);
        var budget = TimeSpan.FromMilliseconds(250);
        var options = Clients.Options(server.Url) with { MaxAttempts = 50, BaseDelay = cap, MaxDelay = cap, RetryBudget = budget };
        var client = Clients.Sns(http, options, delay);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.PublishAsync(Simple));

        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal("req-throttled", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("SNS", error.Service);
        Assert.Equal("Publish", error.Operation);
        Assert.True(error.Retryable);
        Assert.InRange(error.Attempts, 2, 49);
        Assert.Equal(error.Attempts, server.Requests.Count);
        Assert.InRange(delay.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), TimeSpan.Zero, budget);
    }

    [Fact]
    public async Task A_sender_error_is_not_retried_and_names_code_message_and_request_id()
    {
        await using var server = FakeAwsServer.Sequence(Error(404, "Sender", "NotFound", requestId: "req-body", headerRequestId: "req-header"));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.PublishAsync(Simple));

        Assert.Single(server.Requests);
        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Equal("req-header", error.RequestId);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.Retryable);
        Assert.Contains("NotFound from the fake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_id_comes_from_the_error_body_when_no_header_carries_it()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "Sender", "InvalidParameter", requestId: "req-in-body"));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.PublishAsync(Simple));

        Assert.Equal("InvalidParameter", error.ErrorCode);
        Assert.Equal("req-in-body", error.RequestId);
    }

    [Theory]
    [InlineData("<PublishResponse><PublishResult><MessageId>m-1</MessageId>")]
    [InlineData("{\"MessageId\":\"m-1\"}")]
    [InlineData("")]
    [InlineData("<CreateTopicResponse><CreateTopicResult/></CreateTopicResponse>")]
    public async Task A_malformed_success_body_is_a_typed_error_and_not_retried(string body)
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, body, "req-bad"));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.PublishAsync(Simple));

        Assert.Single(server.Requests);
        Assert.Equal("MalformedResponse", error.ErrorCode);
        Assert.Equal("req-bad", error.RequestId);
        Assert.IsType<System.Xml.XmlException>(error.InnerException);
    }

    [Fact]
    public async Task An_error_body_that_is_not_XML_is_retried_on_503_and_reported_by_status()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(503, "<html>upstream down", "req-html"));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url, maxAttempts: 3));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.PublishAsync(Simple));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("Unknown", error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("req-html", error.RequestId);
    }

    [Fact]
    public async Task One_log_line_per_call_names_SNS_and_Publish()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "Sender", "Throttling"), FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var logger = new CapturingLogger();
        var client = Clients.Sns(http, Options(server.Url), logger: logger);

        await client.PublishAsync(Simple);

        var line = Assert.Single(logger.Lines);
        Assert.Equal("SNS", line.Values["Service"]);
        Assert.Equal("Publish", line.Values["Operation"]);
        Assert.Equal(1, line.Values["Retries"]);
    }

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, false)]
    public async Task Subjects_must_be_shorter_than_100_characters(int length, bool sent)
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));
        var request = Simple with { Subject = new string('s', length) };

        if (sent)
        {
            await client.PublishAsync(request);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(request));
            Assert.Contains("Subject is 100 characters", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(sent ? 1 : 0, server.Requests.Count);
    }

    [Theory]
    [InlineData("pump 3\nvibration", "U+000A")]
    [InlineData("pump 3\tvibration", "U+0009")]
    [InlineData("Pumpe S\u00fcd", "U+00FC")]
    [InlineData(" pump 3", "starts with a space")]
    [InlineData("", "empty")]
    public async Task Subjects_with_line_breaks_control_or_non_ASCII_characters_or_a_leading_space_are_refused(string subject, string named)
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Simple with { Subject = subject }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Message_and_attributes_may_fill_262144_bytes_of_UTF8_and_not_one_more()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));
        // The attribute counts too: "site" (4) + "String" (6) + "north" (5) = 15 bytes. U+00E9 is 2 bytes of UTF-8.
        var attributes = new Dictionary<string, MessageAttributeValue> { ["site"] = MessageAttributeValue.String("north") };
        var exactly = new PublishRequest(new string('\u00e9', 131_064) + "x") { TopicArn = TopicArn, MessageAttributes = attributes };
        Assert.Equal(262_144 - 15, Encoding.UTF8.GetByteCount(exactly.Message));

        await client.PublishAsync(exactly);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(exactly with { Message = exactly.Message + "y" }));

        Assert.Contains("262,145 bytes", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Equal(exactly.Message, FormBody.Value(server.Requests.Single(), "Message"));
    }

    [Fact]
    public async Task An_empty_message_or_attribute_value_is_refused_before_sending()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Xml(200, PublishedXml));
        using var http = Clients.Http();
        var client = Clients.Sns(http, Options(server.Url));

        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Simple with { Message = "" }));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Simple with
        {
            MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["site"] = MessageAttributeValue.String("") },
        }));

        Assert.Contains("'site'", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}

using PumpWatch.Cli.Alerts;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>The accepted forms of <c>--alert-sink</c>.</summary>
public sealed class AlertSinkSpecTests
{
    [Theory]
    [InlineData("console", "Console", "")]
    [InlineData("webhook:https://hooks.example.com/pumps?x=1", "Webhook", "https://hooks.example.com/pumps?x=1")]
    [InlineData("webhook:http://127.0.0.1:8080/", "Webhook", "http://127.0.0.1:8080/")]
    [InlineData("sns:arn:aws:sns:eu-west-1:123456789012:pump-alerts", "Sns", "arn:aws:sns:eu-west-1:123456789012:pump-alerts")]
    [InlineData("sns:arn:aws-cn:sns:cn-north-1:123456789012:alerts.fifo", "Sns", "arn:aws-cn:sns:cn-north-1:123456789012:alerts.fifo")]
    public void Accepted_forms_parse(string text, string kind, string target)
    {
        Assert.True(AlertSinkSpec.TryParse(text, out var spec));
        Assert.Equal(kind, spec.Kind.ToString());
        Assert.Equal(target, spec.Target);
        Assert.Equal(text, spec.ToString());
    }

    [Fact]
    public void A_jsonl_path_is_made_absolute_so_that_two_spellings_of_one_file_are_one_sink()
    {
        Assert.True(AlertSinkSpec.TryParse("jsonl:out/alerts.jsonl", out var relative));
        Assert.True(AlertSinkSpec.TryParse("jsonl:" + Path.GetFullPath("out/alerts.jsonl"), out var absolute));
        Assert.Equal(AlertSinkKind.JsonLines, relative.Kind);
        Assert.Equal(relative, absolute);
    }

    [Fact]
    public void The_topic_region_is_the_ARNs_fourth_field()
    {
        Assert.True(AlertSinkSpec.TryParse("sns:arn:aws:sns:eu-west-1:123456789012:pump-alerts", out var spec));
        Assert.Equal("eu-west-1", spec.TopicRegion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Console")]
    [InlineData("slack:#pumps")]
    [InlineData("jsonl:")]
    [InlineData("jsonl:  ")]
    [InlineData("webhook:ftp://example.com/x")]
    [InlineData("webhook:example.com/hook")]
    [InlineData("sns:pump-alerts")]
    [InlineData("sns:arn:aws:sqs:eu-west-1:123456789012:pump-alerts")]
    [InlineData("sns:arn:aws:sns:eu-west-1::pump-alerts")]
    public void Other_values_are_refused(string text) => Assert.False(AlertSinkSpec.TryParse(text, out _));
}

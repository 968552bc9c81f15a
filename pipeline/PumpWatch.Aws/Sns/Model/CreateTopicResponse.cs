namespace PumpWatch.Aws.Sns.Model;

/// <summary>Output of CreateTopic (CreateTopicResponse): the topic's ARN.</summary>
public sealed record CreateTopicResponse
{
    public string? TopicArn { get; init; }
}

namespace PumpWatch.Aws.Sns.Model;

/// <summary>
/// Input of Publish (PublishInput, sns-2010-03-31): the message and, for a topic, its ARN; optional subject (email
/// subscribers' subject line), per-protocol structure, and message attributes for subscription filter policies.
/// </summary>
/// <param name="Message">UTF-8 text, at most 262,144 bytes together with the message attributes (see <see cref="SnsPublishRules"/>).</param>
public sealed record PublishRequest(string Message)
{
    public string? TopicArn { get; init; }

    public string? TargetArn { get; init; }

    public string? PhoneNumber { get; init; }

    /// <summary>Printable ASCII, fewer than 100 characters, no leading space (<see cref="SnsPublishRules.SubjectProblem"/>).</summary>
    public string? Subject { get; init; }

    /// <summary><c>json</c> when <see cref="Message"/> is a JSON object with a message per protocol and a <c>default</c>.</summary>
    public string? MessageStructure { get; init; }

    /// <summary>Name to value; sent in ordinal order of the names so that the request's bytes are stable.</summary>
    public IReadOnlyDictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }

    public string? MessageDeduplicationId { get; init; }

    public string? MessageGroupId { get; init; }
}

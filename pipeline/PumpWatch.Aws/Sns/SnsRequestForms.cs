using System.Globalization;
using System.Xml.Linq;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Sns.Model;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// Each SNS request as awsQuery form members and each result read from its XML, with every name from the model
/// sns-2010-03-31: members in the model's order; a map's entries as <c>{Member}.entry.{n}.{key}</c> and
/// <c>.{value}</c> (MessageAttributeMap names them <c>Name</c> and <c>Value</c>, TopicAttributesMap leaves the
/// defaults <c>key</c> and <c>value</c>), numbered from 1 in ordinal order of the keys; a list's items as
/// <c>{Member}.member.{n}</c>; a blob base64-encoded.
/// </summary>
internal static class SnsRequestForms
{
    public static void Publish(QueryForm form, PublishRequest request)
    {
        form.AddIfSet("TopicArn", request.TopicArn)
            .AddIfSet("TargetArn", request.TargetArn)
            .AddIfSet("PhoneNumber", request.PhoneNumber)
            .Add("Message", request.Message)
            .AddIfSet("Subject", request.Subject)
            .AddIfSet("MessageStructure", request.MessageStructure);
        if (request.MessageAttributes is { } attributes)
        {
            var n = 0;
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                var entry = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{++n}.");
                form.Add(entry + "Name", name)
                    .Add(entry + "Value.DataType", value.DataType)
                    .AddIfSet(entry + "Value.StringValue", value.StringValue)
                    .AddIfSet(entry + "Value.BinaryValue", value.BinaryValue is { } binary ? Convert.ToBase64String(binary.Span) : null);
            }
        }

        form.AddIfSet("MessageDeduplicationId", request.MessageDeduplicationId)
            .AddIfSet("MessageGroupId", request.MessageGroupId);
    }

    public static PublishResponse PublishResult(XElement? result) => new()
    {
        MessageId = QueryXml.Child(result, "MessageId")?.Value,
        SequenceNumber = QueryXml.Child(result, "SequenceNumber")?.Value,
    };

    public static void CreateTopic(QueryForm form, CreateTopicRequest request)
    {
        form.Add("Name", request.Name);
        if (request.Attributes is { } attributes)
        {
            var n = 0;
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                var entry = string.Create(CultureInfo.InvariantCulture, $"Attributes.entry.{++n}.");
                form.Add(entry + "key", name).Add(entry + "value", value);
            }
        }

        if (request.Tags is { } tags)
        {
            if (tags.Count == 0)
            {
                // An empty list is sent as the bare member, as the JavaScript SDK v3 does (serializeEmptyLists).
                form.Add("Tags", "");
            }

            for (var i = 0; i < tags.Count; i++)
            {
                var member = string.Create(CultureInfo.InvariantCulture, $"Tags.member.{i + 1}.");
                form.Add(member + "Key", tags[i].Key).Add(member + "Value", tags[i].Value);
            }
        }

        form.AddIfSet("DataProtectionPolicy", request.DataProtectionPolicy);
    }

    public static CreateTopicResponse CreateTopicResult(XElement? result) => new()
    {
        TopicArn = QueryXml.Child(result, "TopicArn")?.Value,
    };
}

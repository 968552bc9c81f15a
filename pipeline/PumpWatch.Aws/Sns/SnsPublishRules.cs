using System.Globalization;
using System.Text;
using PumpWatch.Aws.Sns.Model;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// The limits SNS sets on a Publish, checked before anything is sent, each from the model sns-2010-03-31's documentation:
/// the message and all message attributes (names, data types and values) together at most 262,144 bytes of UTF-8
/// (PublishInput.Message, MessageAttributeValue); no empty message, attribute name, type or value; a subject of fewer
/// than 100 characters without line breaks or control characters (PublishInput.Subject). The subject rule is kept
/// stricter, printable ASCII (0x20-0x7E) not starting with a space: the older API reference asked for ASCII beginning
/// with a letter, number or punctuation mark, and AWS's own SNS alert receiver (Amazon Managed Service for Prometheus,
/// "Understanding Amazon SNS message validation rules") rewrites subjects with non-ASCII characters.
/// </summary>
public static class SnsPublishRules
{
    /// <summary>262,144 bytes (256 KiB): the message and its attributes, UTF-8.</summary>
    public const int MaxPayloadBytes = 262_144;

    /// <summary>"less than 100 characters long".</summary>
    public const int MaxSubjectLength = 99;

    /// <summary>Why <paramref name="subject"/> would be refused, or null when it is fine.</summary>
    public static string? SubjectProblem(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length == 0)
        {
            return "Subject is empty (leave it out instead)";
        }

        if (subject.Length > MaxSubjectLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Subject is {subject.Length} characters; SNS takes fewer than 100");
        }

        for (var i = 0; i < subject.Length; i++)
        {
            if (!IsPrintableAscii(subject[i]))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Subject has U+{(int)subject[i]:X4} at index {i}; SNS subjects here are printable ASCII without line breaks or control characters");
            }
        }

        return subject[0] == ' ' ? "Subject starts with a space; SNS subjects begin with a letter, number or punctuation mark" : null;
    }

    /// <summary>True for the characters a subject may hold: space to tilde.</summary>
    public static bool IsPrintableAscii(char c) => c is >= ' ' and <= '~';

    /// <summary>UTF-8 bytes of the message and of every attribute's name, data type and value: what the 262,144-byte limit counts.</summary>
    public static long PayloadBytes(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long bytes = Encoding.UTF8.GetByteCount(request.Message ?? "");
        foreach (var (name, value) in request.MessageAttributes ?? new Dictionary<string, MessageAttributeValue>())
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value.DataType ?? "")
                + Encoding.UTF8.GetByteCount(value.StringValue ?? "") + (value.BinaryValue?.Length ?? 0);
        }

        return bytes;
    }

    /// <summary>Why SNS would refuse <paramref name="request"/> on these rules, or null when it passes them.</summary>
    public static string? Problem(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Message))
        {
            return "Message is empty; SNS needs a message body";
        }

        if (request.Subject is { } subject && SubjectProblem(subject) is { } subjectProblem)
        {
            return subjectProblem;
        }

        foreach (var (name, value) in request.MessageAttributes ?? new Dictionary<string, MessageAttributeValue>())
        {
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(value?.DataType) || (string.IsNullOrEmpty(value.StringValue) && value.BinaryValue is not { Length: > 0 }))
            {
                return $"message attribute '{name}' has an empty name, data type or value; SNS refuses empty parts";
            }
        }

        var bytes = PayloadBytes(request);
        return bytes > MaxPayloadBytes
            ? string.Create(CultureInfo.InvariantCulture, $"message and attributes are {bytes:N0} bytes of UTF-8; SNS takes at most {MaxPayloadBytes:N0}")
            : null;
    }
}

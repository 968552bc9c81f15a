using System.Net;
using System.Text.Json;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Reads the error of an awsJson1_0/1_1 response: the code from the body's <c>__type</c>, else its <c>code</c>, else
/// the <c>x-amzn-ErrorType</c> header (the official JS SDK's order, whatever the members' order in the body), keeping
/// what follows a <c>#</c> namespace and dropping a <c>:</c> suffix; the message from <c>message</c> or <c>Message</c>.
/// A body that is not JSON still yields an error.
/// </summary>
internal static class AwsErrorParser
{
    public const string UnknownCode = "Unknown";

    public static AwsCallError Parse(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestId, string? errorTypeHeader)
    {
        string? type = null;
        string? code = null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        switch (name)
                        {
                            case "__type":
                                type ??= reader.GetString();
                                break;
                            case "code" or "Code":
                                code ??= reader.GetString();
                                break;
                            case "message" or "Message":
                                message ??= reader.GetString();
                                break;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            message = $"error body is not JSON ({body.Length} bytes)";
        }

        var errorCode = Sanitize(type) ?? Sanitize(code) ?? Sanitize(errorTypeHeader) ?? UnknownCode;
        return new AwsCallError(status, errorCode, message ?? "", requestId, RetryClassifier.IsRetryable(status, errorCode),
            body.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(body));
    }

    private static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.AsSpan();
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            text = text[..colon];
        }

        var hash = text.LastIndexOf('#');
        if (hash >= 0)
        {
            text = text[(hash + 1)..];
        }

        text = text.Trim();
        return text.IsEmpty ? null : text.ToString();
    }
}

using System.Text;

namespace PumpWatch.Aws.Http;

/// <summary>
/// The body of an awsQuery request: name=value pairs in the order they are added, each side percent-encoded as
/// RFC 3986 asks (UTF-8; only A-Z a-z 0-9 - _ . ~ left as they are, space as %20), joined with '&amp;'. Callers add
/// members in the model's member order and map entries in a stable order, so the same request always gives the same bytes.
/// </summary>
internal sealed class QueryForm
{
    private readonly StringBuilder _text = new();

    /// <summary>A form that starts <c>Action={operation}&amp;Version={apiVersion}</c>, as the AWS SDKs write it.</summary>
    public QueryForm(string operation, string apiVersion)
    {
        Add("Action", operation);
        Add("Version", apiVersion);
    }

    public QueryForm Add(string name, string value)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }

        // Uri.EscapeDataString escapes everything outside RFC 3986's unreserved set, the set the SDKs leave as it is.
        _text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds <paramref name="name"/> only when <paramref name="value"/> is not null (an unset optional member).</summary>
    public QueryForm AddIfSet(string name, string? value) => value is null ? this : Add(name, value);

    /// <summary>The body's bytes: percent-encoding leaves only ASCII.</summary>
    public byte[] ToBytes() => Encoding.ASCII.GetBytes(_text.ToString());
}

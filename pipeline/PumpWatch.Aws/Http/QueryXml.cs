using System.Xml;
using System.Xml.Linq;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Loads an awsQuery response body (no DTDs, no external entities) and finds children by local name, so the
/// service's <c>xmlns</c> (e.g. <c>http://sns.amazonaws.com/doc/2010-03-31/</c>) need not be spelt at every step.
/// </summary>
internal static class QueryXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The root element; throws <see cref="XmlException"/> for a body that is not well-formed XML (an empty one included).</summary>
    public static XElement Load(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        return XDocument.Load(reader).Root ?? throw new XmlException("the body has no root element");
    }

    /// <summary>The first child element named <paramref name="localName"/> in any namespace, or null.</summary>
    public static XElement? Child(XElement? parent, string localName)
    {
        if (parent is null)
        {
            return null;
        }

        foreach (var child in parent.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                return child;
            }
        }

        return null;
    }
}

using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>Whole numbers as DynamoDB's N attributes (decimal text), written and read the same way by every store.</summary>
internal static class DynamoDbNumbers
{
    internal static AttributeValue Attribute(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Reads an N attribute holding a whole number; false when it is missing, of another type or not a whole number.</summary>
    internal static bool TryRead(AttributeValue? attribute, out long value)
    {
        value = 0;
        return attribute?.N is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

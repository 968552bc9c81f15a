namespace PumpWatch.Aws.Sns.Model;

/// <summary>
/// One message attribute (MessageAttributeValue, sns-2010-03-31): DataType <c>String</c>, <c>String.Array</c>,
/// <c>Number</c> or <c>Binary</c>, with the string or the binary value.
/// </summary>
public sealed record MessageAttributeValue(string DataType)
{
    public string? StringValue { get; init; }

    /// <summary>Sent base64-encoded, as the query protocol sends every blob.</summary>
    public ReadOnlyMemory<byte>? BinaryValue { get; init; }

    /// <summary>A <c>String</c> attribute.</summary>
    public static MessageAttributeValue String(string value) => new("String") { StringValue = value };

    /// <summary>A <c>Number</c> attribute, already written as SNS reads numbers (digits, optional sign and point).</summary>
    public static MessageAttributeValue Number(string value) => new("Number") { StringValue = value };
}

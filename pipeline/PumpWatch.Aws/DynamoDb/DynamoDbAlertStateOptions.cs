namespace PumpWatch.Aws.DynamoDb;

/// <summary>Which DynamoDB table holds the alert state (its schema is <see cref="AlertStateTable"/>).</summary>
/// <param name="TableName">The table (DynamoDB naming rules: 3-255 letters, digits, '_', '-' and '.').</param>
public sealed record DynamoDbAlertStateOptions(string TableName)
{
    // "Supported data types and naming rules in Amazon DynamoDB", Amazon DynamoDB Developer Guide: table names.
    private const int MinTableLength = 3;
    private const int MaxTableLength = 255;

    /// <summary>Null when usable; otherwise one line naming the setting and what is wrong with it.</summary>
    public string? Problem() =>
        TableName is null || TableName.Length is < MinTableLength or > MaxTableLength
            || !TableName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $"alert state table '{TableName}' is not a valid DynamoDB table name ({MinTableLength}-{MaxTableLength} letters, digits, '_', '-' and '.')"
            : null;
}

namespace PumpWatch.Aws.DynamoDb;

/// <summary>DynamoDB's table naming rule, for every table setting.</summary>
internal static class DynamoDbTableName
{
    // "Supported data types and naming rules in Amazon DynamoDB", Amazon DynamoDB Developer Guide: table names.
    internal const int MinLength = 3;
    internal const int MaxLength = 255;

    /// <summary>Null when <paramref name="name"/> is a valid table name; otherwise one line naming <paramref name="setting"/>.</summary>
    internal static string? Problem(string setting, string? name) =>
        name is null || name.Length is < MinLength or > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $"{setting} '{name}' is not a valid DynamoDB table name ({MinLength}-{MaxLength} letters, digits, '_', '-' and '.')"
            : null;
}

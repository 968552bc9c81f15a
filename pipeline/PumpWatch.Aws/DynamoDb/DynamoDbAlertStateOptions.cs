namespace PumpWatch.Aws.DynamoDb;

/// <summary>Which DynamoDB table holds the alert state (its schema is <see cref="AlertStateTable"/>).</summary>
/// <param name="TableName">The table (DynamoDB naming rules: 3-255 letters, digits, '_', '-' and '.').</param>
public sealed record DynamoDbAlertStateOptions(string TableName)
{
    /// <summary>Null when usable; otherwise one line naming the setting and what is wrong with it.</summary>
    public string? Problem() => DynamoDbTableName.Problem("alert state table", TableName);
}

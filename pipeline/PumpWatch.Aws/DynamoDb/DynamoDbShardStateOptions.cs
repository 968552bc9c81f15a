namespace PumpWatch.Aws.DynamoDb;

/// <summary>Which DynamoDB table holds the shard state (its schema is <see cref="ShardStateTable"/>).</summary>
/// <param name="TableName">The table (DynamoDB naming rules: 3-255 letters, digits, '_', '-' and '.').</param>
public sealed record DynamoDbShardStateOptions(string TableName)
{
    /// <summary>Null when usable; otherwise one line naming the setting and what is wrong with it.</summary>
    public string? Problem() => DynamoDbTableName.Problem("shard state table", TableName);
}

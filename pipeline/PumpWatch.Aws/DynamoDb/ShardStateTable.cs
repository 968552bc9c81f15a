namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// The shard-state table's names and key schema, in one place for the store, its tests and the infrastructure plan:
/// one item per stream shard, keyed by the shard key, holding each pump's carried window state and the window end it
/// was saved through.
/// </summary>
public static class ShardStateTable
{
    /// <summary>Partition key, the only key attribute: stream ARN and shard id (type <see cref="ShardKeyType"/>).</summary>
    public const string ShardKey = "shard_key";

    /// <summary>DynamoDB scalar type of <see cref="ShardKey"/>: String.</summary>
    public const string ShardKeyType = "S";

    /// <summary>Each pump's carried state (M): pump id -> the state's text (S).</summary>
    public const string Pumps = "pumps";

    /// <summary>Window end the state was saved through, epoch microseconds (N).</summary>
    public const string Through = "through";

    /// <summary>Sequence number of the last record the window held (S); absent when there was none.</summary>
    public const string LastSequence = "last_sequence";

    /// <summary>When the state was written, epoch microseconds from the writer's clock (N); for people, not for logic.</summary>
    public const string UpdatedAt = "updated_at";

    /// <summary>The value placeholder of the window end in <see cref="WriteCondition"/>.</summary>
    public const string WindowEndValue = ":w";

    /// <summary>A save wins only for a shard never saved or saved through an earlier window end.</summary>
    public const string WriteCondition = "attribute_not_exists(shard_key) OR through < :w";

    /// <summary>On-demand capacity: one read and one write per shard and window.</summary>
    public const string BillingMode = "PAY_PER_REQUEST";
}

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// The alert-state table's names and key schema, in one place for the store, its tests and the infrastructure plan:
/// one item per pump, keyed by pump id, holding the policy state as text and the window end it was applied through.
/// </summary>
public static class AlertStateTable
{
    /// <summary>Partition key, the only key attribute: the pump id (type <see cref="PumpIdType"/>).</summary>
    public const string PumpId = "pump_id";

    /// <summary>DynamoDB scalar type of <see cref="PumpId"/>: String.</summary>
    public const string PumpIdType = "S";

    /// <summary>The pump's <see cref="PumpWatch.Core.Alerts.AlertState"/> as its compact text (S).</summary>
    public const string State = "state";

    /// <summary>Window end the state has been applied through, epoch microseconds (N).</summary>
    public const string AppliedThrough = "applied_through";

    /// <summary>When the state was written, epoch microseconds from the writer's clock (N); for people, not for logic.</summary>
    public const string UpdatedAt = "updated_at";

    /// <summary>The value placeholder of the window end in <see cref="WriteCondition"/>.</summary>
    public const string WindowEndValue = ":w";

    /// <summary>A write wins only for a pump never written or written through an earlier window end.</summary>
    public const string WriteCondition = "attribute_not_exists(pump_id) OR applied_through < :w";

    /// <summary>On-demand capacity: alert writes come in bursts at window ends and are few in between.</summary>
    public const string BillingMode = "PAY_PER_REQUEST";
}

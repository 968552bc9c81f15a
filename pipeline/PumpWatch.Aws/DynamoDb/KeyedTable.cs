namespace PumpWatch.Aws.DynamoDb;

/// <summary>A table keyed by one partition key, as <see cref="DynamoDbTableSetup"/> creates it.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="KeyName">The partition key attribute.</param>
/// <param name="KeyType">The key's scalar type ("S").</param>
/// <param name="BillingMode">"PAY_PER_REQUEST" or "PROVISIONED".</param>
/// <param name="Holds">What the table holds, for messages ("the alert state").</param>
internal sealed record KeyedTable(string Name, string KeyName, string KeyType, string BillingMode, string Holds);

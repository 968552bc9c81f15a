using System.Text.Json.Serialization;

namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// Input of WriteRecords: 1 to 100 records (shape Records, length 1..100) for one table, with optional
/// CommonAttributes merged into every record by the service (their dimensions must not overlap the records').
/// Serialised in the model's member order: DatabaseName, TableName, CommonAttributes, Records.
/// </summary>
public sealed record WriteRecordsRequest(string DatabaseName, string TableName, [property: JsonPropertyOrder(1)] IReadOnlyList<Record> Records)
{
    public Record? CommonAttributes { get; init; }
}

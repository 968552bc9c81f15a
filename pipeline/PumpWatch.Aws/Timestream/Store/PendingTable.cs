using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// The rows of one table waiting for a flush, in arrival order, every pump's together: the site, the measure name, MULTI
/// and the time unit are the CommonAttributes, and each record carries its pump as its own dimension, so that one
/// WriteRecords call takes up to 100 records of any pumps. (Grouped by pump, an invocation holding a few readings of each
/// of 200 pumps made 200 calls where 10 carry it.) A row written again before the flush (same pump and key) replaces the
/// earlier one in place: one call must not carry two records with the same dimensions, time and measure name.
/// </summary>
internal sealed class PendingTable
{
    private readonly List<Record> _records = [];
    private readonly Dictionary<(string? Pump, string Key), int> _byKey = [];

    public PendingTable(string tableName, string measureName, string site)
    {
        TableName = tableName;
        CommonAttributes = new Record
        {
            Dimensions = [new Dimension(TimestreamSchema.Site, site)],
            MeasureName = measureName,
            MeasureValueType = MeasureValueType.Multi,
            TimeUnit = TimeUnit.Microseconds,
        };
    }

    public string TableName { get; }

    /// <summary>What every record of the table shares: the site dimension, the measure name, MULTI and microseconds. Also what a record's size is counted with.</summary>
    public Record CommonAttributes { get; }

    public int Count => _records.Count;

    /// <summary>Adds a record under <paramref name="key"/> (unique within the pump), replacing one already pending under it.</summary>
    public void Add(string? pumpId, string key, Record record)
    {
        if (_byKey.TryGetValue((pumpId, key), out var index))
        {
            _records[index] = record;
            return;
        }

        _byKey.Add((pumpId, key), _records.Count);
        _records.Add(record);
    }

    /// <summary>Appends this table's records as one group (the batcher splits it into calls of 100).</summary>
    public void AppendTo(List<TimestreamRecordGroup> groups)
    {
        if (_records.Count > 0)
        {
            groups.Add(new TimestreamRecordGroup(TableName, CommonAttributes, [.. _records]));
        }
    }

    public void Clear()
    {
        _records.Clear();
        _byKey.Clear();
    }
}

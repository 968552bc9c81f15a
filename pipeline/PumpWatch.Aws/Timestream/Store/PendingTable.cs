using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// The rows of one table waiting for a flush, grouped by pump (one CommonAttributes each) in the order pumps first
/// appeared. A row written again before the flush (same key) replaces the earlier one in place: one WriteRecords call must
/// not carry two records with the same dimensions, time and measure name.
/// </summary>
internal sealed class PendingTable
{
    private readonly string _site;
    private readonly Dictionary<string, PendingGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<PendingGroup> _order = [];
    private PendingGroup? _noPump;

    public PendingTable(string tableName, string measureName, string site)
    {
        TableName = tableName;
        MeasureName = measureName;
        _site = site;
    }

    public string TableName { get; }

    public string MeasureName { get; }

    public int Count { get; private set; }

    /// <summary>
    /// The attributes every record of a pump shares: dimensions pump_id (when known) and site, the measure name, MULTI and
    /// microseconds. Also what a record's size is counted with.
    /// </summary>
    public Record CommonAttributes(string? pumpId) => Group(pumpId).CommonAttributes;

    /// <summary>Adds a record under <paramref name="key"/> (unique within the pump), replacing one already pending under it.</summary>
    public void Add(string? pumpId, string key, Record record)
    {
        var group = Group(pumpId);
        if (group.ByKey.TryGetValue(key, out var index))
        {
            group.Records[index] = record;
            return;
        }

        group.ByKey.Add(key, group.Records.Count);
        group.Records.Add(record);
        Count++;
    }

    /// <summary>Appends this table's groups (pumps in first-seen order, records in arrival order) and remembers which pump each is.</summary>
    public void AppendTo(List<TimestreamRecordGroup> groups, List<string?> pumps)
    {
        foreach (var group in _order)
        {
            if (group.Records.Count > 0)
            {
                groups.Add(new TimestreamRecordGroup(TableName, group.CommonAttributes, [.. group.Records]));
                pumps.Add(group.PumpId);
            }
        }
    }

    public void Clear()
    {
        foreach (var group in _order)
        {
            group.Records.Clear();
            group.ByKey.Clear();
        }

        Count = 0;
    }

    private PendingGroup Group(string? pumpId)
    {
        var known = string.IsNullOrEmpty(pumpId) ? null : pumpId;
        var existing = known is null ? _noPump : _groups.GetValueOrDefault(known);
        if (existing is not null)
        {
            return existing;
        }

        Dimension[] dimensions = known is null
            ? [new Dimension(TimestreamSchema.Site, _site)]
            : [new Dimension(TimestreamSchema.PumpId, known), new Dimension(TimestreamSchema.Site, _site)];
        var group = new PendingGroup(known, new Record
        {
            Dimensions = dimensions,
            MeasureName = MeasureName,
            MeasureValueType = MeasureValueType.Multi,
            TimeUnit = TimeUnit.Microseconds,
        });
        if (known is null)
        {
            _noPump = group;
        }
        else
        {
            _groups.Add(known, group);
        }

        _order.Add(group);
        return group;
    }

    private sealed record PendingGroup(string? PumpId, Record CommonAttributes)
    {
        public List<Record> Records { get; } = [];

        public Dictionary<string, int> ByKey { get; } = new(StringComparer.Ordinal);
    }
}

using System.Text;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// The size Timestream counts for a record, as "Metering and pricing: Writes" defines it: 8 bytes of timestamp, the UTF-8
/// bytes of every dimension name and value and of the measure name, and per measure value 8 bytes for DOUBLE, BIGINT
/// (and TIMESTAMP), 1 for BOOLEAN and the UTF-8 bytes of a VARCHAR; a multi-measure value also counts its name.
/// CommonAttributes count in every record, since the service merges them in.
/// </summary>
internal static class RecordSize
{
    private const int TimestampBytes = 8;

    public static int Of(Record? common, Record record)
    {
        var size = TimestampBytes + Dimensions(common) + Dimensions(record);
        size += Encoding.UTF8.GetByteCount(record.MeasureName ?? common?.MeasureName ?? "");
        if (record.MeasureValue is { } single)
        {
            size += ValueBytes(record.MeasureValueType ?? common?.MeasureValueType ?? MeasureValueType.Double, single);
        }

        foreach (var measure in record.MeasureValues ?? common?.MeasureValues ?? [])
        {
            size += Encoding.UTF8.GetByteCount(measure.Name) + ValueBytes(measure.Type, measure.Value);
        }

        return size;
    }

    /// <summary>Measure values of a record (its own or, failing that, the common ones).</summary>
    public static int MeasureCount(Record? common, Record record) => (record.MeasureValues ?? common?.MeasureValues)?.Count ?? 1;

    private static int Dimensions(Record? record)
    {
        var size = 0;
        foreach (var dimension in record?.Dimensions ?? [])
        {
            size += Encoding.UTF8.GetByteCount(dimension.Name) + Encoding.UTF8.GetByteCount(dimension.Value);
        }

        return size;
    }

    private static int ValueBytes(string type, string value) => type switch
    {
        MeasureValueType.Boolean => 1,
        MeasureValueType.Varchar => Encoding.UTF8.GetByteCount(value),
        _ => 8,
    };
}

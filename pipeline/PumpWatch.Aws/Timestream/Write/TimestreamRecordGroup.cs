using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// Records for one table that share their CommonAttributes (PumpWatch: one site and measure name per table; the pump is each record's own dimension), the unit
/// <see cref="TimestreamWriteBatcher"/> splits into WriteRecords calls. A record's position in <see cref="Records"/> is
/// how results refer to it.
/// </summary>
public sealed record TimestreamRecordGroup(string TableName, Record? CommonAttributes, IReadOnlyList<Record> Records);

namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>How many records a WriteRecords call ingested (shape RecordsIngested): in all, into the memory store and into the magnetic store.</summary>
public sealed record RecordsIngested
{
    public int? Total { get; init; }

    public int? MemoryStore { get; init; }

    public int? MagneticStore { get; init; }
}

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>Where the Timestream store keeps its tables and how it writes: database, site dimension, calls in flight. Built once by the composition root.</summary>
/// <param name="DatabaseName">The Timestream database holding the <see cref="TimestreamSchema"/> tables.</param>
public sealed record TimestreamStoreOptions(string DatabaseName)
{
    /// <summary>Value of the site dimension on every row written, and the site the reader reads.</summary>
    public string Site { get; init; } = "default";

    /// <summary>
    /// The table readings are written to and read from: <see cref="TimestreamSchema.ReadingsTable"/> unless a deployment
    /// keeps them elsewhere (<c>pumpwatch train timestream://DATABASE/TABLE</c> names it). The other tables keep their names.
    /// </summary>
    public string ReadingsTable { get; init; } = TimestreamSchema.ReadingsTable;

    /// <summary>WriteRecords calls in flight at once during a flush.</summary>
    public int MaxConcurrentWrites { get; init; } = 4;
}

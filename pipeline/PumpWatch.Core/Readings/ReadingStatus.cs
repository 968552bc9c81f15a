namespace PumpWatch.Core.Readings;

/// <summary>How a record ended: every record ends in exactly one of these.</summary>
public enum ReadingStatus
{
    Accepted,
    Duplicate,
    Quarantined,
}

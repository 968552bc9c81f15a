namespace PumpWatch.Core.Readings;

/// <summary>Why a record was quarantined; the snake_case name is the reason code stored and reported.</summary>
public enum QuarantineReason
{
    None,
    MalformedJson,
    MissingPumpId,
    MissingTimestamp,
    BadTimestamp,
    FutureTimestamp,
    NonFiniteValue,

    /// <summary>A known sensor's value is text that is not a number (<c>"Bad"</c>, <c>"#N/A"</c>, <c>"66,677"</c>).</summary>
    NonNumericValue,
    OutOfRange,
    PayloadTooLarge,
    NoSensorValues,

    /// <summary>Older than the allowed lateness when it arrived: its window had already closed.</summary>
    Late,
}

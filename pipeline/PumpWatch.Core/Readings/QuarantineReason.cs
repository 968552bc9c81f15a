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
    OutOfRange,
    PayloadTooLarge,
    NoSensorValues,

    /// <summary>Older than the allowed lateness when it arrived: its window had already closed.</summary>
    Late,
}

/// <summary>Reason codes as stable strings.</summary>
public static class QuarantineReasonCodes
{
    public static string Code(this QuarantineReason reason) => reason switch
    {
        QuarantineReason.None => "none",
        QuarantineReason.MalformedJson => "malformed_json",
        QuarantineReason.MissingPumpId => "missing_pump_id",
        QuarantineReason.MissingTimestamp => "missing_timestamp",
        QuarantineReason.BadTimestamp => "bad_timestamp",
        QuarantineReason.FutureTimestamp => "future_timestamp",
        QuarantineReason.NonFiniteValue => "non_finite_value",
        QuarantineReason.OutOfRange => "out_of_range",
        QuarantineReason.PayloadTooLarge => "payload_too_large",
        QuarantineReason.NoSensorValues => "no_sensor_values",
        QuarantineReason.Late => "late",
        _ => "unknown",
    };
}

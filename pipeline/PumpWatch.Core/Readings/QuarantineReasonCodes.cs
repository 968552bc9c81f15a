namespace PumpWatch.Core.Readings;

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
        QuarantineReason.NonNumericValue => "non_numeric_value",
        QuarantineReason.OutOfRange => "out_of_range",
        QuarantineReason.PayloadTooLarge => "payload_too_large",
        QuarantineReason.NoSensorValues => "no_sensor_values",
        QuarantineReason.Late => "late",
        _ => "unknown",
    };
}

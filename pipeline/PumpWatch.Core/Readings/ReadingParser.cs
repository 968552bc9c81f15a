using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PumpWatch.Core.Readings;

/// <summary>
/// Decodes the tutorial's JSON reading from UTF-8 bytes and validates it: a record shaped like the last flat one through
/// <see cref="RecordShape"/>, a flat record of plain ASCII text and plain decimals through <see cref="FlatJsonScanner"/>,
/// anything else through <see cref="Utf8JsonReader"/>, with the same outcome every way.
/// Never throws on data: every problem becomes a <see cref="ParseOutcome"/> with a reason code.
/// A valid record of a known pump with known sensors allocates nothing.
/// </summary>
public sealed class ReadingParser
{
    internal const int MaxNameChars = 64;
    private const int MaxPumpIdChars = 128;

    // Longer than any ISO-8601 form (35 bytes with 7 fraction digits and an offset), with room for escapes.
    internal const int MaxTimestampBytes = 96;

    // A number in a string longer than this is not a sensor value anyone sends; the bound keeps the copy on the stack.
    private const int MaxNumberTextBytes = 64;

    private readonly SensorCatalog _sensors;
    private readonly PumpIdTable _pumps;
    private readonly ValidationOptions _options;
    private readonly FieldNameCache _names = new();
    private readonly PumpIdCache _pumpIds = new();
    private readonly RecordShape _shape = new();

    // Scratch text for one field at a time, kept with the parser (which is not shared between threads) so that no
    // record pays for zeroing stack buffers.
    private readonly char[] _nameChars = new char[MaxNameChars];
    private readonly char[] _pumpIdChars = new char[MaxPumpIdChars * 3];
    private readonly char[] _normalPumpId = new char[MaxPumpIdChars];
    private readonly byte[] _timestampBytes = new byte[MaxTimestampBytes];

    public ReadingParser(SensorCatalog sensors, PumpIdTable pumps, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(pumps);
        _sensors = sensors;
        _pumps = pumps;
        _options = options ?? ValidationOptions.Default;
    }

    public SensorCatalog Sensors => _sensors;

    /// <summary>Records read through the kept <see cref="RecordShape"/> (for the tests that hold it to the reader).</summary>
    internal long ShapeReads { get; private set; }

    /// <summary>Decodes <paramref name="utf8"/> into <paramref name="reading"/>.</summary>
    /// <param name="utf8">One JSON object.</param>
    /// <param name="reading">Reused output.</param>
    /// <param name="referenceMicros">"Now" for the future-skew check; <see cref="long.MaxValue"/> disables it (replay).</param>
    public ParseOutcome Parse(ReadOnlySpan<byte> utf8, ParsedReading reading, long referenceMicros)
    {
        ArgumentNullException.ThrowIfNull(reading);

        // The last flat record's shape first: whatever it reads is what the reader reads (see RecordShape). Measured,
        // keeping the token paths in their own method matters: inlined here, their locals (the reader's state, scratch
        // spans) made every call zero an 800-byte frame.
        reading.Reset();
        reading.Catalog = _sensors;
        if (utf8.Length <= _options.MaxPayloadBytes && _shape.TryRead(utf8, reading, _pumpIds))
        {
            ShapeReads++;
            return Validate(reading, referenceMicros);
        }

        return Parse(utf8, reading, referenceMicros, flatScan: true);
    }

    /// <summary>
    /// Decodes with <see cref="Utf8JsonReader"/> only, never trying <see cref="FlatJsonScanner"/> first: the reference
    /// the tests hold the fast path to (the same outcome and reading for every input).
    /// </summary>
    internal ParseOutcome ParseWithReader(ReadOnlySpan<byte> utf8, ParsedReading reading, long referenceMicros) =>
        Parse(utf8, reading, referenceMicros, flatScan: false);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseOutcome Parse(ReadOnlySpan<byte> utf8, ParsedReading reading, long referenceMicros, bool flatScan)
    {
        ArgumentNullException.ThrowIfNull(reading);
        reading.Reset();
        reading.Catalog = _sensors;
        if (utf8.Length > _options.MaxPayloadBytes)
        {
            return new(QuarantineReason.PayloadTooLarge, $"payload is {utf8.Length} bytes, limit {_options.MaxPayloadBytes}");
        }

        if (flatScan)
        {
            // The scanner hands out only tokens the reader would hand out for the same bytes, and both run the same
            // field handling, so any outcome it reaches is the reader's. What it handled before giving up is handled
            // again below in the same order: catalog, pump table and name cache end as the reader alone leaves them.
            var scanner = new FlatJsonScanner(utf8);
            var outcome = ReadObject(ref scanner, reading);
            if (!scanner.GaveUp)
            {
                if (!outcome.IsValid)
                {
                    return outcome;
                }

                if (!scanner.Read() && !scanner.GaveUp)
                {
                    _shape.Learn(utf8, _sensors);
                    return Validate(reading, referenceMicros);
                }
            }

            reading.Reset();
        }

        var reader = new JsonReaderTokens(utf8);
        try
        {
            var outcome = ReadObject(ref reader, reading);
            if (!outcome.IsValid)
            {
                return outcome;
            }

            if (reader.Read())
            {
                return new(QuarantineReason.MalformedJson, "more than one JSON value in the record");
            }
        }
        catch (JsonException e)
        {
            var at = (int)(e.BytePositionInLine ?? 0);
            if (at < utf8.Length && (utf8[at] == 'N' || utf8[at] == 'I' || (utf8[at] == '-' && at + 1 < utf8.Length && utf8[at + 1] == 'I')))
            {
                return new(QuarantineReason.NonFiniteValue, $"non-finite literal at byte {at}");
            }

            return new(QuarantineReason.MalformedJson, OneLine(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            // Utf8JsonReader validates structure while reading but checks text only when it is unescaped or transcoded
            // (names, string values) or converted (numbers): invalid UTF-8, a lone surrogate in a \u escape, a value
            // too long for its buffer. Those throw these types, not JsonException; they are bad data, so quarantine.
            return new(QuarantineReason.MalformedJson, $"unreadable text near byte {reader.BytesConsumed}: {OneLine(e.Message)}");
        }

        return Validate(reading, referenceMicros);
    }

    private ParseOutcome ReadObject<TTokens>(ref TTokens reader, ParsedReading reading)
        where TTokens : IJsonTokens, allows ref struct
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new(QuarantineReason.MalformedJson, "record is not a JSON object");
        }

        var hasPump = false;
        var hasTime = false;
        Span<char> name = _nameChars;
        var ordinal = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            // Fast path: a name seen before, recognised by its bytes (escaped names always take the slow path).
            var cacheable = !reader.ValueIsEscaped && !reader.HasValueSequence;
            var rawName = cacheable ? reader.ValueSpan : default;
            var meaning = cacheable ? _names.Find(rawName, ordinal) : FieldNameCache.Unknown;
            ordinal++;
            bool isPump, isTime, nameFits;
            var nameLength = 0;
            if (meaning == FieldNameCache.Unknown)
            {
                isPump = reader.ValueTextEquals("pump_id"u8);
                isTime = !isPump && reader.ValueTextEquals("timestamp"u8);
                nameFits = isPump || isTime || TryCopyName(ref reader, name, out nameLength);
                if (cacheable && (isPump || isTime))
                {
                    _names.Add(rawName, isPump ? FieldNameCache.PumpId : FieldNameCache.Timestamp);
                }
            }
            else
            {
                isPump = meaning == FieldNameCache.PumpId;
                isTime = meaning == FieldNameCache.Timestamp;
                nameFits = true;
            }

            reader.Read();
            ParseOutcome outcome;
            if (isPump)
            {
                outcome = ReadPumpId(ref reader, reading);
                hasPump = outcome.IsValid;
            }
            else if (isTime)
            {
                outcome = ReadTimestamp(ref reader, reading);
                hasTime = outcome.IsValid;
            }
            else if (meaning >= 0 && reader.TokenType == JsonTokenType.Number)
            {
                outcome = ReadSensor(ref reader, reading, meaning);
            }
            else if (reader.TokenType == JsonTokenType.Number && nameFits)
            {
                var sensor = ResolveSensor(name[..nameLength]);
                outcome = sensor < 0 ? Ignore(reading) : ReadSensor(ref reader, reading, sensor);
                if (sensor >= 0 && cacheable)
                {
                    _names.Add(rawName, sensor);
                }
            }
            else if (reader.TokenType == JsonTokenType.String && (meaning >= 0 || nameFits))
            {
                outcome = ReadSensorText(ref reader, reading, meaning >= 0 ? _sensors[meaning].Name : name[..nameLength]);
            }
            else
            {
                reader.Skip();
                outcome = Ignore(reading);
            }

            if (!outcome.IsValid)
            {
                return outcome;
            }
        }

        if (!hasPump)
        {
            return new(QuarantineReason.MissingPumpId, "no pump_id field");
        }

        return hasTime ? ParseOutcome.Valid : new(QuarantineReason.MissingTimestamp, "no timestamp field");
    }

    private static bool TryCopyName<TTokens>(ref TTokens reader, Span<char> name, out int length)
        where TTokens : IJsonTokens, allows ref struct
    {
        length = 0;
        if (reader.HasValueSequence || reader.ValueSpan.Length > name.Length)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            // Sensor names are ASCII in practice; a plain widening copy avoids the transcoder.
            var span = reader.ValueSpan;
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i] >= 0x80)
                {
                    length = reader.CopyString(name);
                    return true;
                }

                name[i] = (char)span[i];
            }

            length = span.Length;
            return true;
        }

        length = reader.CopyString(name);
        return true;
    }

    private ParseOutcome ReadPumpId<TTokens>(ref TTokens reader, ParsedReading reading)
        where TTokens : IJsonTokens, allows ref struct
    {
        // A string or number token read as it stands (no escapes) names the same pump whenever its bytes recur.
        var cacheable = reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.ValueIsEscaped && !reader.HasValueSequence;
        if (cacheable && _pumpIds.Find(reader.ValueSpan) is { } known)
        {
            reading.PumpId = known;
            return ParseOutcome.Valid;
        }

        Span<char> id = _pumpIdChars;
        int length;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (reader.ValueSpan.Length > MaxPumpIdChars * 3 || reader.HasValueSequence)
                {
                    return new(QuarantineReason.MissingPumpId, $"pump_id longer than {MaxPumpIdChars} characters");
                }

                length = reader.CopyString(id);
                if (length > MaxPumpIdChars)
                {
                    return new(QuarantineReason.MissingPumpId, $"pump_id longer than {MaxPumpIdChars} characters");
                }

                break;
            case JsonTokenType.Number:
                var raw = reader.ValueSpan;
                if (raw.Length > MaxPumpIdChars)
                {
                    return new(QuarantineReason.MissingPumpId, "pump_id number too long");
                }

                length = Encoding.ASCII.GetChars(raw, id);
                break;
            default:
                return new(QuarantineReason.MissingPumpId, $"pump_id is {reader.TokenType}, not a string or number");
        }

        Span<char> normal = _normalPumpId;
        var trimmed = normal[..PumpIds.Normalize(id[..length], normal)];
        if (trimmed.IsEmpty)
        {
            return new(QuarantineReason.MissingPumpId, "pump_id is empty");
        }

        reading.PumpId = _pumps.Intern(trimmed);
        if (cacheable)
        {
            _pumpIds.Add(reader.ValueSpan, reading.PumpId);
        }

        return ParseOutcome.Valid;
    }

    private ParseOutcome ReadTimestamp<TTokens>(ref TTokens reader, ParsedReading reading)
        where TTokens : IJsonTokens, allows ref struct
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.HasValueSequence && reader.ValueSpan.Length <= MaxTimestampBytes:
                var text = reader.ValueIsEscaped ? _timestampBytes.AsSpan(0, reader.CopyString(_timestampBytes)) : reader.ValueSpan;
                if (EventTime.TryParseIso(text, out var micros))
                {
                    reading.Timestamp = micros;
                    return ParseOutcome.Valid;
                }

                return new(QuarantineReason.BadTimestamp, $"timestamp '{Printable(text)}' is not ISO-8601");
            case JsonTokenType.String:
                return new(QuarantineReason.BadTimestamp, $"timestamp is a string of {reader.ValueSpan.Length} bytes or more, not an ISO-8601 time");
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var epoch) && EventTime.TryFromEpochNumber(epoch, out var fromEpoch))
                {
                    reading.Timestamp = fromEpoch;
                    return ParseOutcome.Valid;
                }

                return new(QuarantineReason.BadTimestamp, $"timestamp {Encoding.ASCII.GetString(reader.ValueSpan)} is not epoch seconds or milliseconds");
            default:
                return new(QuarantineReason.BadTimestamp, $"timestamp is {reader.TokenType}, not a string or number");
        }
    }

    private ParseOutcome ReadSensor<TTokens>(ref TTokens reader, ParsedReading reading, int sensor)
        where TTokens : IJsonTokens, allows ref struct
    {
        if (!reader.TryGetSimpleDecimal(out var value) && (!reader.TryGetDouble(out value) || !double.IsFinite(value)))
        {
            return new(QuarantineReason.NonFiniteValue, $"{_sensors[sensor].Name} is {Encoding.ASCII.GetString(reader.ValueSpan)}, not a finite double");
        }

        reading.Set(sensor, value);
        return ParseOutcome.Valid;
    }

    /// <summary>The catalog index of a numeric field, adding it as a sensor when its name may be one; -1 to ignore it.</summary>
    private int ResolveSensor(scoped ReadOnlySpan<char> name)
    {
        // A known sensor is looked up without the name check: the check only guards what may be added.
        if (!_sensors.TryGetIndex(name, out var index))
        {
            index = IsSensorName(name) ? _sensors.GetOrAdd(name) : -1;
        }

        return index;
    }

    /// <summary>
    /// A string value: a number written as a string (<c>"67.079"</c>, as some gateways send) is read as that number and
    /// counted; NaN or infinity text quarantines the record; other text quarantines it when the field is a known sensor
    /// (a sensor value must never vanish silently) and is ignored, and counted, for any other field (e.g. <c>"site"</c>).
    /// </summary>
    private ParseOutcome ReadSensorText<TTokens>(ref TTokens reader, ParsedReading reading, scoped ReadOnlySpan<char> name)
        where TTokens : IJsonTokens, allows ref struct
    {
        Span<byte> text = stackalloc byte[MaxNumberTextBytes];
        var known = _sensors.TryGetIndex(name, out _);
        if (reader.HasValueSequence || reader.ValueSpan.Length > text.Length)
        {
            return known ? new(QuarantineReason.NonNumericValue, $"{name} is a long string, not a number") : Ignore(reading);
        }

        var length = reader.CopyString(text);
        var value = text[..length].Trim(" "u8);
        if (System.Buffers.Text.Utf8Parser.TryParse(value, out double number, out var used) && used == value.Length && value.Length > 0)
        {
            if (!double.IsFinite(number))
            {
                return new(QuarantineReason.NonFiniteValue, $"{name} is \"{Printable(value)}\"");
            }

            reading.NumbersFromText++;
            var sensor = ResolveSensor(name);
            if (sensor < 0)
            {
                return Ignore(reading);
            }

            reading.Set(sensor, number);
            return ParseOutcome.Valid;
        }

        if (IsNonFiniteText(value))
        {
            return new(QuarantineReason.NonFiniteValue, $"{name} is \"{Printable(value)}\"");
        }

        return known ? new(QuarantineReason.NonNumericValue, $"{name} is \"{Printable(value)}\", not a number") : Ignore(reading);
    }

    private static ParseOutcome Ignore(ParsedReading reading)
    {
        reading.IgnoredFields++;
        return ParseOutcome.Valid;
    }

    /// <summary>
    /// Letters, digits and <c>_ . - /</c> only: historian tags and the tutorial's names pass, while control characters,
    /// symbols and astral-plane text from a garbled record never become a sensor (and never fill the catalog).
    /// </summary>
    private static bool IsSensorName(scoped ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '.' or '-' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Checks a decoded reading, however it was decoded (JSON here, CSV or the simulator elsewhere): every value finite
    /// and inside its sensor's physical range, the timestamp not beyond the allowed skew, at least one sensor value.
    /// </summary>
    public ParseOutcome Validate(ParsedReading reading, long referenceMicros)
    {
        ArgumentNullException.ThrowIfNull(reading);
        foreach (var index in reading.Sensors)
        {
            var spec = _sensors[index];
            var value = reading.Value(index);
            if (!double.IsFinite(value))
            {
                return new(QuarantineReason.NonFiniteValue, FormattableString.Invariant($"{spec.Name} is {value}"));
            }

            if (value < spec.Min || value > spec.Max)
            {
                return new(QuarantineReason.OutOfRange, FormattableString.Invariant($"{spec.Name} = {value} outside [{spec.Min}, {spec.Max}] {spec.Unit}"));
            }
        }

        if (referenceMicros != long.MaxValue && reading.Timestamp > referenceMicros + _options.MaxFutureSkewMicros)
        {
            return new(QuarantineReason.FutureTimestamp,
                $"timestamp {EventTime.Format(reading.Timestamp)} is later than {EventTime.Format(referenceMicros)} plus the allowed skew");
        }

        return reading.SensorCount == 0
            ? new(QuarantineReason.NoSensorValues, "record has no numeric sensor values")
            : ParseOutcome.Valid;
    }

    private static bool IsNonFiniteText(ReadOnlySpan<byte> text) =>
        Ascii.EqualsIgnoreCase(text, "NaN"u8) || Ascii.EqualsIgnoreCase(text, "Infinity"u8) || Ascii.EqualsIgnoreCase(text, "-Infinity"u8)
        || Ascii.EqualsIgnoreCase(text, "+Infinity"u8) || Ascii.EqualsIgnoreCase(text, "inf"u8) || Ascii.EqualsIgnoreCase(text, "-inf"u8);

    /// <summary>Bytes of a value as text for a detail line: invalid UTF-8 becomes U+FFFD rather than an exception.</summary>
    private static string Printable(ReadOnlySpan<byte> utf8) => Truncate(Encoding.UTF8.GetString(utf8));

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "...";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

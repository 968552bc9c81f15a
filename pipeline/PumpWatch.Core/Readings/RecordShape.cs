using System.Text.Json;

namespace PumpWatch.Core.Readings;

/// <summary>
/// The shape of the last record the flat scanner read whole: the literal bytes around its values (white space, commas,
/// names, quotes) and what each value is (pump id, timestamp, or a sensor's catalog index). A device sends the same
/// keys in the same order with the same spacing, so the next record is usually read by one comparison per gap and a
/// direct read of each value, with no tokens and no name lookups. On any difference it declines and the parser reads
/// the record the usual way.
/// </summary>
/// <remarks>
/// Only a shape whose every field the reader would turn into a pump id (string or number, known to
/// <see cref="PumpIdCache"/>), an ISO-8601 timestamp string or a catalog sensor's number is kept, so a record that
/// matches it to its last byte is, token for token, what the reader reads (the gaps are bytes of a record the reader
/// accepted; the values are read with the flat scanner's grammar, which is stricter than the reader's), and it yields
/// the reading the reader yields: the same calls in the same order, nothing added to the catalog or the pump table.
/// Anything the reader would quarantine, or a pump the cache does not know, declines, so the reader's outcome and
/// detail text come from the reader. In a CPU profile of 100,000 simulated records the token loop (scanner, name
/// cache, per-field dispatch) was spread over the whole parse with no single hot spot; this path skips all of it.
/// </remarks>
internal sealed class RecordShape
{
    /// <summary>Records with more fields keep no shape (the tutorial's record has six).</summary>
    public const int MaxFields = 32;

    /// <summary>Gap bytes kept in all; a record with more keeps no shape.</summary>
    public const int MaxGapBytes = 1024;

    private const int PumpText = -1;
    private const int PumpNumber = -2;
    private const int TimeText = -3;

    private readonly byte[] _gaps = new byte[MaxGapBytes];

    // Field i: the gap before its value ends at _gapEnds[i] in _gaps; _kinds[i] is a sensor index or one of the above.
    private readonly int[] _gapEnds = new int[MaxFields];
    private readonly int[] _kinds = new int[MaxFields];
    private readonly char[] _name = new char[ReadingParser.MaxNameChars];
    private int _fields;
    private int _gapBytes;

    /// <summary>
    /// Reads <paramref name="json"/> into <paramref name="reading"/> (reset, catalog set) if it has the kept shape and
    /// every value reads; false otherwise, with <paramref name="reading"/> partly filled.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> json, ParsedReading reading, PumpIdCache pumpIds)
    {
        var fields = _fields;
        if (fields == 0)
        {
            return false;
        }

        ReadOnlySpan<byte> gaps = _gaps;
        var gapStart = 0;
        var pos = 0;
        for (var f = 0; f < fields; f++)
        {
            var gapEnd = _gapEnds[f];
            if (!json[pos..].StartsWith(gaps[gapStart..gapEnd]))
            {
                return false;
            }

            pos += gapEnd - gapStart;
            gapStart = gapEnd;
            var kind = _kinds[f];
            if (kind >= 0 || kind == PumpNumber)
            {
                if (!DecimalText.TryReadToken(json, pos, out var end, out var value))
                {
                    return false;
                }

                if (kind >= 0)
                {
                    reading.Set(kind, value);
                }
                else if (pumpIds.Find(json[pos..end]) is { } pump)
                {
                    reading.PumpId = pump;
                }
                else
                {
                    return false;
                }

                pos = end;
                continue;
            }

            var start = pos;
            pos = StringEnd(json, pos);
            if (pos < 0)
            {
                return false;
            }

            var text = json[start..pos];
            if (kind == TimeText)
            {
                if (text.Length > ReadingParser.MaxTimestampBytes || !EventTime.TryParseIso(text, out var micros))
                {
                    return false;
                }

                reading.Timestamp = micros;
            }
            else if (pumpIds.Find(text) is { } pump)
            {
                reading.PumpId = pump;
            }
            else
            {
                return false;
            }
        }

        return json[pos..].SequenceEqual(gaps[gapStart.._gapBytes]);
    }

    /// <summary>
    /// Keeps the shape of <paramref name="json"/>, a record the parser has just read whole through the flat scanner with
    /// a valid outcome, or forgets the shape when the record holds a field this path does not read.
    /// </summary>
    public void Learn(ReadOnlySpan<byte> json, SensorCatalog sensors)
    {
        _fields = 0;
        var scanner = new FlatJsonScanner(json);
        if (!scanner.Read() || scanner.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        var fields = 0;
        var gapStart = 0;
        var gapBytes = 0;
        while (scanner.Read() && scanner.TokenType == JsonTokenType.PropertyName)
        {
            var name = scanner.ValueSpan;
            if (fields == MaxFields || !scanner.Read() || !TryKind(name, scanner.TokenType, sensors, out var kind))
            {
                return;
            }

            var gap = json[gapStart..scanner.ValueStart];
            if (gapBytes + gap.Length > MaxGapBytes)
            {
                return;
            }

            gap.CopyTo(_gaps.AsSpan(gapBytes));
            gapBytes += gap.Length;
            _gapEnds[fields] = gapBytes;
            _kinds[fields++] = kind;
            gapStart = scanner.ValueStart + scanner.ValueSpan.Length;
        }

        var last = json[gapStart..];
        if (scanner.TokenType != JsonTokenType.EndObject || scanner.Read() || scanner.GaveUp || gapBytes + last.Length > MaxGapBytes)
        {
            return;
        }

        last.CopyTo(_gaps.AsSpan(gapBytes));
        _gapBytes = gapBytes + last.Length;
        _fields = fields;
    }

    /// <summary>What the parser made of a field with this name and value token, if it is a kind this path reads.</summary>
    private bool TryKind(ReadOnlySpan<byte> name, JsonTokenType value, SensorCatalog sensors, out int kind)
    {
        // The parser's order: pump_id and timestamp by their bytes first, then a number of a catalog sensor. A name
        // longer than the parser's name buffer is ignored by it, whatever the catalog holds.
        kind = 0;
        if (name.SequenceEqual("pump_id"u8))
        {
            kind = value == JsonTokenType.String ? PumpText : PumpNumber;
            return true;
        }

        if (name.SequenceEqual("timestamp"u8))
        {
            kind = TimeText;
            return value == JsonTokenType.String;
        }

        if (value != JsonTokenType.Number || name.Length > _name.Length)
        {
            return false;
        }

        // Flat names are ASCII: each byte is its own UTF-16 code unit.
        for (var i = 0; i < name.Length; i++)
        {
            _name[i] = (char)name[i];
        }

        return sensors.TryGetIndex(_name.AsSpan(0, name.Length), out kind);
    }

    /// <summary>
    /// The position of the quote that ends the string whose content starts at <paramref name="start"/>, or -1 if a byte
    /// before it is one the flat scanner refuses in a string (a control character, DEL, a backslash, anything above
    /// 0x7F) or the record ends first.
    /// </summary>
    private static int StringEnd(ReadOnlySpan<byte> json, int start)
    {
        for (var i = start; (uint)i < (uint)json.Length; i++)
        {
            var b = json[i];
            if (b == '"')
            {
                return i;
            }

            if (b is < 0x20 or >= 0x7F or (byte)'\\')
            {
                return -1;
            }
        }

        return -1;
    }
}

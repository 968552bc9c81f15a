using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PumpWatch.Core.Readings;

/// <summary>
/// A hand-written token source for the record devices send: one flat JSON object whose names and string values are
/// printable ASCII without escapes and whose numbers are plain decimals (strict JSON grammar, at most 15 digits, no
/// exponent, so <see cref="DecimalText"/> reads them exactly). On anything else it stops and sets <see cref="GaveUp"/>,
/// and the parser reads the record again from the start with <see cref="Utf8JsonReader"/>.
/// </summary>
/// <remarks>
/// The reader's own machinery (token state, comment handling, UTF-8 and escape checks) was 28% of a Lambda invocation,
/// 44% of the parse, in a CPU profile of the handler over 10,000 records; this skips it for the common case. Measured
/// here, string scanning is a plain byte loop: a vectorised search per string cost more than it saved on strings this
/// short (names and values of 5-30 bytes). It is stricter than the reader everywhere, so
/// whatever it accepts the reader accepts as the same tokens: a value is handed out only once the byte after it (past
/// white space) is a comma or the closing brace, and any part of a record the reader might refuse or read differently
/// (a byte above 0x7F, a control character, a backslash, a comment, a BOM, nesting, a literal, an exponent, truncation)
/// ends the scan before it is handed out.
/// </remarks>
internal ref struct FlatJsonScanner(ReadOnlySpan<byte> utf8) : IJsonTokens
{
    /// <summary>
    /// Every byte a flat record may hold: printable ASCII but the backslash, and JSON's white space. One vectorised pass
    /// over the record checks them all, so none of the bytes the reader would unescape or check as UTF-8 (0x80 and
    /// above, the backslash) or refuse (control characters, DEL) is met later, and string scans only look for their end.
    /// </summary>
    private static readonly SearchValues<byte> FlatBytes = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b != '\\').Select(b => (byte)b), (byte)'\t', (byte)'\n', (byte)'\r']);

    private readonly ReadOnlySpan<byte> _json = utf8;
    private int _pos;
    private int _valueStart;
    private int _valueLength;

    // The number token just read, computed while scanning its digits (DecimalText's arithmetic, without a second pass).
    private double _number;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>True once the record left the flat form: every later <see cref="Read"/> is false and nothing read counts.</summary>
    public bool GaveUp { get; private set; }

    public readonly ReadOnlySpan<byte> ValueSpan => _json.Slice(_valueStart, _valueLength);

    /// <summary>Where <see cref="ValueSpan"/> starts in the record (for <see cref="RecordShape"/>, which keeps the bytes around values).</summary>
    public readonly int ValueStart => _valueStart;

    public readonly bool ValueIsEscaped => false;

    public readonly bool HasValueSequence => false;

    public bool Read()
    {
        if (GaveUp)
        {
            return false;
        }

        if (TokenType == JsonTokenType.None && _json.ContainsAnyExcept(FlatBytes))
        {
            return Stop();
        }

        SkipWhiteSpace();
        switch (TokenType)
        {
            case JsonTokenType.None:
                return Consume((byte)'{') ? Token(JsonTokenType.StartObject) : Stop();
            case JsonTokenType.StartObject:
                return Consume((byte)'}') ? Token(JsonTokenType.EndObject) : ReadName();
            case JsonTokenType.PropertyName:
                if (!Consume((byte)':'))
                {
                    return Stop();
                }

                SkipWhiteSpace();
                var read = _pos < _json.Length && _json[_pos] == '"' ? ReadString(JsonTokenType.String) : ReadNumber();
                SkipWhiteSpace();
                return read && _pos < _json.Length && (_json[_pos] == ',' || _json[_pos] == '}') ? true : Stop();
            case JsonTokenType.String or JsonTokenType.Number:
                if (Consume((byte)'}'))
                {
                    return Token(JsonTokenType.EndObject);
                }

                Consume((byte)',');
                SkipWhiteSpace();
                return ReadName();
            default:
                // After the closing brace: the end of the record, or something the reader must judge.
                return _pos == _json.Length ? false : Stop();
        }
    }

    public readonly void Skip()
    {
        // Values here are strings and numbers only, and the reader's Skip leaves those where they are.
    }

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8) => ValueSpan.SequenceEqual(utf8);

    public readonly int CopyString(scoped Span<char> destination)
    {
        // Printable ASCII without escapes: each byte is its own UTF-16 code unit.
        Ascii.ToUtf16(ValueSpan, destination, out var written);
        return written;
    }

    public readonly int CopyString(scoped Span<byte> destination)
    {
        ValueSpan.CopyTo(destination);
        return _valueLength;
    }

    public readonly bool TryGetDouble(out double value) => DecimalText.TryParse(ValueSpan, out value);

    public readonly bool TryGetSimpleDecimal(out double value)
    {
        value = _number;
        return true;
    }

    private bool ReadName() => (_pos < _json.Length && _json[_pos] == '"' && ReadString(JsonTokenType.PropertyName)) || Stop();

    /// <summary>From an opening quote to its closing quote; false on anything the reader would unescape, check or refuse.</summary>
    private bool ReadString(JsonTokenType type)
    {
        var json = _json;
        var start = _pos + 1;
        var i = start;
        while (true)
        {
            if ((uint)i >= (uint)json.Length)
            {
                return false;
            }

            // After the check of the whole record, a byte up to '"' is a space, '!', the quote, or a tab or line break,
            // which JSON forbids inside strings (the reader says so); everything above is plain content.
            var b = json[i];
            if (b > '"' || b == ' ' || b == '!')
            {
                i++;
                continue;
            }

            if (b != '"')
            {
                return false;
            }

            _valueStart = start;
            _valueLength = i - start;
            _pos = i + 1;
            return Token(type);
        }
    }

    /// <summary>A number in <see cref="DecimalText.TryReadToken"/>'s strict form; false on anything else.</summary>
    private bool ReadNumber()
    {
        if (!DecimalText.TryReadToken(_json, _pos, out var end, out _number))
        {
            return false;
        }

        _valueStart = _pos;
        _valueLength = end - _pos;
        _pos = end;
        return Token(JsonTokenType.Number);
    }

    private void SkipWhiteSpace()
    {
        var json = _json;
        var i = _pos;
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        _pos = i;
    }

    private bool Consume(byte expected)
    {
        if (_pos < _json.Length && _json[_pos] == expected)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool Token(JsonTokenType type)
    {
        TokenType = type;
        return true;
    }

    private bool Stop()
    {
        GaveUp = true;
        TokenType = JsonTokenType.None;
        return false;
    }
}

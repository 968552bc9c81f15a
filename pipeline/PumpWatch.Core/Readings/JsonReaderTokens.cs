using System.Text.Json;

namespace PumpWatch.Core.Readings;

/// <summary><see cref="Utf8JsonReader"/> as <see cref="IJsonTokens"/>: the path that reads any JSON a record may hold.</summary>
internal ref struct JsonReaderTokens(ReadOnlySpan<byte> utf8) : IJsonTokens
{
    private Utf8JsonReader _reader = new(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

    public readonly JsonTokenType TokenType => _reader.TokenType;

    public readonly ReadOnlySpan<byte> ValueSpan => _reader.ValueSpan;

    public readonly bool ValueIsEscaped => _reader.ValueIsEscaped;

    public readonly bool HasValueSequence => _reader.HasValueSequence;

    public readonly long BytesConsumed => _reader.BytesConsumed;

    public bool Read() => _reader.Read();

    public void Skip() => _reader.Skip();

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8) => _reader.ValueTextEquals(utf8);

    public readonly int CopyString(scoped Span<char> destination) => _reader.CopyString(destination);

    public readonly int CopyString(scoped Span<byte> destination) => _reader.CopyString(destination);

    public readonly bool TryGetDouble(out double value) => _reader.TryGetDouble(out value);

    public readonly bool TryGetSimpleDecimal(out double value)
    {
        // Numbers are never escaped in JSON, so the token's bytes are the number's text.
        value = 0;
        return !_reader.HasValueSequence && DecimalText.TryParse(_reader.ValueSpan, out value);
    }
}

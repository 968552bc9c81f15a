using System.Text.Json;

namespace PumpWatch.Core.Readings;

/// <summary>
/// The part of <see cref="Utf8JsonReader"/> that <see cref="ReadingParser"/> reads a record through, so one field
/// handling runs over both token sources: <see cref="JsonReaderTokens"/> (any JSON) and <see cref="FlatJsonScanner"/>
/// (the common flat record). Members mean what the reader's members of the same name mean.
/// </summary>
/// <remarks>Implemented by ref structs and used only as a generic constraint, so calls are direct, never boxed.</remarks>
internal interface IJsonTokens
{
    JsonTokenType TokenType { get; }

    ReadOnlySpan<byte> ValueSpan { get; }

    bool ValueIsEscaped { get; }

    bool HasValueSequence { get; }

    bool Read();

    void Skip();

    bool ValueTextEquals(ReadOnlySpan<byte> utf8);

    int CopyString(scoped Span<char> destination);

    int CopyString(scoped Span<byte> destination);

    bool TryGetDouble(out double value);

    /// <summary>
    /// A number token read by <see cref="DecimalText"/>'s exact fast path; false means "use <see cref="TryGetDouble"/>",
    /// not "invalid".
    /// </summary>
    bool TryGetSimpleDecimal(out double value);
}

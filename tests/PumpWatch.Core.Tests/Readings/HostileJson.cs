using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// Structure-aware FsCheck generators of JSON records that a gateway, a broken device or a conformance corpus may send:
/// valid skeletons of the tutorial's reading with hostile pieces spliced in. Each piece is bytes, so invalid UTF-8 can be
/// placed exactly where a name or a string value goes.
/// </summary>
internal static class HostileJson
{
    private static readonly string[] Names = ["pump_id", "timestamp", "temperature", "pressure", "flow_rate", "vibration", "motor_current", "site", "x"];

    /// <summary>\u escapes: lone high and low surrogates, a paired surrogate, a NUL, an ordinary letter, a bad hex digit.</summary>
    private static readonly string[] Escapes = [@"\uD800", @"\uDFAA", @"\uD83D\uDE00", @"\uDBFF", @"\u0000", @"\u0041", @"\uZZZZ", @"\uD800\u0041", @"\""", @"\\", @"\/", @"\n"];

    /// <summary>Byte sequences that are not UTF-8: a lone continuation byte, a truncated 3-byte lead, an overlong '/', a surrogate encoded in UTF-8, 0xFF.</summary>
    private static readonly byte[][] InvalidUtf8 = [[0x80], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]];

    private static readonly string[] OddNumbers =
    [
        "1e400", "-1e400", "-0", "1E+2", "1e-400", "0.0000000000000000000000000001", "123456789012345678901234567890",
        "-0.0", "1.5", "71.25", "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10", "1e", "-",
        "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    ];

    private static readonly string[] Timestamps =
    [
        "\"2026-05-01T12:00:00Z\"", "\"2026-05-01T12:00:00.123456+02:00\"", "1777636800", "1777636800123", "\"yesterday\"",
        "\"2026-02-30T12:00:00\"", "\"\\u0032026-05-01T12:00:00Z\"", "-1e300", "1e300", "\"\"", "null", "[]",
    ];

    private static Gen<byte[]> Ascii(string text) => Gen.Constant(Encoding.UTF8.GetBytes(text));

    private static Gen<byte[]> Concat(params Gen<byte[]>[] parts) =>
        parts.Aggregate(Gen.Constant(Array.Empty<byte>()), (acc, next) => acc.SelectMany(a => next.Select(b => a.Concat(b).ToArray())));

    /// <summary>String content: plain text, \u escapes, invalid UTF-8, or a mix.</summary>
    private static Gen<byte[]> StringBody =>
        Gen.OneOf(
            Gen.Elements(Names).Select(Encoding.UTF8.GetBytes),
            Gen.Elements(Escapes).Select(Encoding.UTF8.GetBytes),
            Gen.Elements(InvalidUtf8),
            Gen.Elements("67.079", "66,677", " 12.5 ", "Bad", "#N/A", "I/O Timeout", "NaN", "-Infinity", "inf", "1e400", "").Select(Encoding.UTF8.GetBytes))
        .ListOf(3).Select(parts => parts.SelectMany(p => p).ToArray());

    private static Gen<byte[]> JsonString => StringBody.Select(b => new[] { (byte)'"' }.Concat(b).Append((byte)'"').ToArray());

    private static Gen<byte[]> Name =>
        Gen.Frequency(
            (6, Gen.Elements(Names).Select(n => Encoding.UTF8.GetBytes($"\"{n}\""))),
            (3, JsonString));

    /// <summary>Arrays or objects nested up to 80 deep: past Utf8JsonReader's default limit of 64.</summary>
    private static Gen<byte[]> Nested =>
        Gen.Choose(1, 80).SelectMany(depth => Gen.Elements("[", "{\"a\":").Select(open =>
        {
            var close = open == "[" ? "]" : "}";
            return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
        }));

    private static Gen<byte[]> Value =>
        Gen.Frequency(
            (5, Gen.Elements(OddNumbers).Select(Encoding.UTF8.GetBytes)),
            (3, Gen.Choose(-50_000, 500_000).Select(v => Encoding.UTF8.GetBytes((v / 100.0).ToString("R", CultureInfo.InvariantCulture)))),
            (3, JsonString),
            (2, Gen.Elements(Timestamps).Select(Encoding.UTF8.GetBytes)),
            (1, Gen.Elements("true", "false", "null").Select(Encoding.UTF8.GetBytes)),
            (1, Nested));

    private static Gen<byte[]> Member => Concat(Name, Ascii(":"), Value);

    /// <summary>A record: optional BOM, an object of 0-8 members (repeated keys allowed), sometimes a valid core first.</summary>
    public static Gen<byte[]> Record =>
        Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false))).SelectMany(bom =>
        Gen.Frequency((1, Gen.Constant(false)), (1, Gen.Constant(true))).SelectMany(withCore =>
        Member.ListOf().Select(members =>
        {
            var body = new List<byte>();
            if (bom)
            {
                body.AddRange([0xEF, 0xBB, 0xBF]);
            }

            body.Add((byte)'{');
            var parts = members.ToList();
            if (withCore)
            {
                // A valid pump and time first, so hostile sensors and duplicate keys reach the value paths.
                parts.Insert(0, Encoding.UTF8.GetBytes("\"pump_id\":\"gen\",\"timestamp\":\"2026-05-01T12:00:00Z\""));
            }

            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0)
                {
                    body.Add((byte)',');
                }

                body.AddRange(parts[i]);
            }

            body.Add((byte)'}');
            return body.ToArray();
        })));

    /// <summary>Shows bytes for a failure message: printable ASCII as is, everything else as \xNN.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }
}

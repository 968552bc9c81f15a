using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// FsCheck generators of records in or near the flat form the parser's fast scanner reads: the tutorial's fields and
/// others, in any order and repeated, with JSON white space anywhere between tokens, pump ids as strings and numbers,
/// numbers at and just past the scanner's limits, numbers in strings, over-long names and values, and now and then one
/// hostile piece (an escape, a non-ASCII byte, a literal, an exponent, a comment, trailing text) that sends the record
/// to the reader.
/// </summary>
internal static class FlatJson
{
    private static readonly string[] KnownNames = ["pump_id", "timestamp", "temperature", "pressure", "flow_rate", "vibration"];

    private static readonly string[] OtherNames =
    [
        "motor_current", "site", "x", "T", "bad name", "a/b.c-d", "", "Temperature", "pump_id ", new string('n', 64), new string('m', 65),
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "0.0", "-0.0", "1", "71.23", "-5", "312.5", "0.001", "999999999999999", "99999999999999.9", "0.000000000000001",
        "1777636800", "1777636800.5", "1777636800250", "253402300800",
    ];

    /// <summary>Numbers the reader takes (or refuses) and the scanner leaves to it: exponents, 16 digits, bad grammar.</summary>
    private static readonly string[] OddNumbers = ["1000000000000000", "0.1000000000000001", "1.5e2", "1E400", "01", "1.", "-", ".5"];

    private static readonly string[] Texts =
    [
        "pump-017", "P-7", " 01 ", "1.0", "1e0", "", "   ", "2026-05-01T03:00:01.000Z", "2026-05-01T12:00:00.123456+02:00",
        "2026-05-01 12:00", "2026-02-30T12:00:00", "yesterday", "67.079", " 12.5 ", "66,677", "NaN", "-Infinity", "inf", "Bad",
        "#N/A", "1e400", "9007199254740993", new string('7', 129), new string('p', 385), "2026-05-01T12:00:00." + new string('1', 80),
    ];

    /// <summary>Pieces that the scanner must refuse, spliced in now and then.</summary>
    private static readonly string[] Hostile =
    [
        "\"t\\u0065mp\"", "\"caf\u00e9\"", "true", "null", "[1]", "{\"a\":1}", "/* c */", "// c\n", "1e5", "\"\t\"", "\"\u007f\"",
    ];

    private static Gen<string> Space =>
        Gen.Frequency((6, Gen.Constant("")), (3, Gen.Constant(" ")), (1, Gen.Elements("\t", "\r\n", "  \n ")));

    private static Gen<string> Quoted(Gen<string> text) => text.Select(t => "\"" + t + "\"");

    private static Gen<string> Name =>
        Gen.Frequency((8, Gen.Elements(KnownNames)), (3, Gen.Elements(OtherNames)), (2, Gen.Choose(0, 79).Select(i => $"s{i}")));

    private static Gen<string> Value =>
        Gen.Frequency(
            (10, Gen.Choose(-99_999, 999_999).Select(v => (v / 1000.0).ToString("R", CultureInfo.InvariantCulture))),
            (4, Gen.Elements(Numbers)),
            (4, Quoted(Gen.Elements(Texts))),
            (1, Gen.Elements(OddNumbers)),
            (1, Gen.Elements(Hostile)));

    private static Gen<string> Member =>
        from before in Space
        from name in Name
        from colon in Space
        from after in Space
        from value in Value
        from end in Space
        select $"{before}\"{name}\"{colon}:{after}{value}{end}";

    /// <summary>One record as UTF-8: an object of 0-9 members, a valid core first half the time, sometimes text after it.</summary>
    public static Gen<byte[]> Record =>
        from withCore in Gen.Elements(true, false)
        from count in Gen.Choose(0, 9)
        from members in Member.ListOf(count)
        from lead in Space
        from tail in Gen.Frequency((8, Space), (1, Gen.Elements(" x", "{}", "/**/")))
        select Encoding.UTF8.GetBytes(
            lead + "{" + string.Join(',', withCore ? members.Prepend("\"pump_id\":\"pump-017\",\"timestamp\":\"2026-05-01T03:00:01.000Z\"") : members) + "}" + tail);
}

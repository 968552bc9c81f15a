using System.Globalization;
using System.Text;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// Streams of records as devices send them, for the parser's record-shape path: each stream has one to three shapes (a
/// key order with its own spacing, pump ids as strings or numbers, sometimes an extra, repeated or ignored field) and
/// moves between them now and then; within a shape the values change from record to record, and about one record in
/// three is changed: a value the shape path must decline (an exponent, 16 digits, a number in a string, a literal, an
/// escape, a non-ASCII byte, a bad or over-long timestamp, a new pump), two keys swapped, a key dropped or repeated,
/// white space added, the pump id's kind flipped, or text after the object.
/// </summary>
/// <remarks>Built with a seeded <see cref="Random"/> passed in, so a stream is the same on every run.</remarks>
internal static class ShapedJson
{
    private static readonly string[] Core = ["pump_id", "timestamp", "temperature", "pressure", "flow_rate", "vibration"];

    /// <summary>Fields a shape may add: extra sensors, a repeated sensor, an ignored text field, a name that is no sensor's.</summary>
    private static readonly string[] Extras = ["motor_current", "s7", "vibration", "site", "bad name", "timestamp"];

    private static readonly string[] Spaces = ["", "", "", " ", " ", "\t", "\r\n", "  "];

    private static readonly string[] Fractions = ["", "", "", ".5", ".123", ".123456", ".1234567", ".12345678"];

    private static readonly string[] Zones = ["", "", "Z", "z", "+02:00", "-0530", "+01"];

    private static readonly string[] Wrong =
    [
        "1e5", "1E+2", "1234567890123456", "0.1234567890123456", "\"67.079\"", "\" 12.5 \"", "NaN", "-Infinity", "null", "true",
        "[1]", "{\"a\":1}", "-", "01", "1.", ".5", "+1", "-0", "\"\"", "\"  \"", "\"p\\u0031\"", "\"caf\u00e9\"", "\"tab\there\"",
        "\"del\u007f\"", "\"2026-02-30T00:00:00\"", "\"2026-05-01T12:00:00." + new string('1', 80) + "\"", "1777636800",
        "1777636800250", "\"yesterday\"", "999999999999999", "\"pump-new\"", "1e400", "9999", "-50", "\"pump-017\"", "17",
    ];

    /// <summary>Timestamps the shape path must read as the reader does, or decline: no such day, no such offset, longer than the reader path reads.</summary>
    private static readonly string[] WrongTimes =
    [
        "\"2026-02-30T00:00:00\"", "\"2026-05-01T12:00:00+25:00\"", "\"2026-05-01T12:00\"", "\"2026-05-01 12:00:00\"", "\"2026-05-01T12:00:00Z \"",
        "\"2026-05-01T12:00:00." + new string('1', 76) + "\"", "\"2026-05-01T12:00:00." + new string('1', 77) + "\"", "1777636800", "\"\"",
    ];

    /// <summary>A stream of <paramref name="records"/> records.</summary>
    public static List<byte[]> Stream(Random rng, int records)
    {
        var shapes = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => NewShape(rng)).ToArray();
        var stream = new List<byte[]>(records);
        var current = 0;
        while (stream.Count < records)
        {
            if (rng.Next(8) == 0)
            {
                current = rng.Next(shapes.Length);
            }

            stream.Add(Encoding.UTF8.GetBytes(Record(rng, shapes[current])));
        }

        return stream;
    }

    private static Shape NewShape(Random rng)
    {
        var names = Core.ToList();

        // A few swaps: any key order.
        for (var i = rng.Next(4); i > 0; i--)
        {
            var (a, b) = (rng.Next(names.Count), rng.Next(names.Count));
            (names[a], names[b]) = (names[b], names[a]);
        }

        if (rng.Next(3) == 0)
        {
            names.Insert(rng.Next(names.Count + 1), Extras[rng.Next(Extras.Length)]);
        }

        var fields = names.Select(n => new Field(n, Pick(rng, Spaces), Pick(rng, Spaces), Pick(rng, Spaces), Pick(rng, Spaces))).ToList();
        return new Shape(fields, Pick(rng, Spaces), Pick(rng, Spaces), rng.Next(2) == 0);
    }

    private static string Record(Random rng, Shape shape)
    {
        var fields = shape.Fields.Select(f => (Field: f, Value: Value(rng, f.Name, shape.NumericPump))).ToList();
        var tail = shape.Tail;
        if (rng.Next(3) == 0)
        {
            var at = rng.Next(fields.Count);
            switch (rng.Next(7))
            {
                case 0:
                case 1:
                    fields[at] = (fields[at].Field, Pick(rng, fields[at].Field.Name == "timestamp" && rng.Next(2) == 0 ? WrongTimes : Wrong));
                    break;
                case 2:
                    var other = rng.Next(fields.Count);
                    (fields[at], fields[other]) = (fields[other], fields[at]);
                    break;
                case 3:
                    fields.RemoveAt(at);
                    break;
                case 4:
                    fields[at] = (fields[at].Field with { AfterValue = fields[at].Field.AfterValue + Pick(rng, [" ", "\t", "\n"]) }, fields[at].Value);
                    break;
                case 5:
                    fields = fields.Select(f => f.Field.Name == "pump_id" ? (f.Field, Value(rng, "pump_id", !shape.NumericPump)) : f).ToList();
                    break;
                default:
                    tail += Pick(rng, [" x", "{}", "/**/", ",", " "]);
                    break;
            }
        }

        var members = fields.Select(f => $"{f.Field.BeforeName}\"{f.Field.Name}\"{f.Field.BeforeColon}:{f.Field.AfterColon}{f.Value}{f.Field.AfterValue}");
        return shape.Lead + "{" + string.Join(',', members) + "}" + tail;
    }

    private static string Value(Random rng, string name, bool numericPump) => name switch
    {
        "pump_id" when numericPump => rng.Next(1, 6).ToString(CultureInfo.InvariantCulture),
        "pump_id" => $"\"pump-{rng.Next(1, 6):D3}\"",
        "timestamp" => $"\"2026-05-01T{rng.Next(24):D2}:{rng.Next(60):D2}:{rng.Next(60):D2}{Pick(rng, Fractions)}{Pick(rng, Zones)}\"",
        "site" => "\"north\"",

        // Three decimals as the simulator writes them, sometimes beyond a sensor's physical range (quarantined).
        _ => (rng.Next(-60_000, 400_000) / 1000.0).ToString(rng.Next(2) == 0 ? "R" : "0.0##", CultureInfo.InvariantCulture),
    };

    private static string Pick(Random rng, string[] choices) => choices[rng.Next(choices.Length)];

    private sealed record Field(string Name, string BeforeName, string BeforeColon, string AfterColon, string AfterValue);

    private sealed record Shape(List<Field> Fields, string Lead, string Tail, bool NumericPump);
}

using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// The parser remembers pump ids by the bytes of their token; whatever it remembers, each record's id must still follow
/// the documented rule (<see cref="PumpIds"/>), also when more pumps than the cache holds take turns.
/// </summary>
public sealed class PumpIdCacheTests
{
    private readonly ReadingParser _parser = new(new SensorCatalog(), new PumpIdTable());
    private readonly ParsedReading _reading = new();

    private string PumpOf(string idJson)
    {
        var json = $"{{\"pump_id\":{idJson},\"timestamp\":\"2026-05-01T12:00:00Z\",\"vibration\":1.5}}";
        var outcome = _parser.Parse(Encoding.UTF8.GetBytes(json), _reading, long.MaxValue);
        Assert.True(outcome.IsValid, outcome.Detail);
        return _reading.PumpId;
    }

    [Fact]
    public void Parse_SameBytesAsStringAndNumber_GiveTheRulesId_EveryTime()
    {
        // Expected ids by the rule in PumpIds' doc comment: numeric ids as integers, other text trimmed and kept.
        (string Json, string Id)[] cases =
        [
            ("1.0", "1"), ("\"1.0\"", "1"), ("1.0", "1"), ("\"01\"", "1"), ("1", "1"), ("\" 7 \"", "7"), ("7", "7"),
            ("\"P-7\"", "P-7"), ("\" P-7 \"", "P-7"), ("\"P-7\"", "P-7"), ("1.5", "1.5"), ("\"1.5\"", "1.5"), ("\"-1\"", "-1"), ("-1", "-1"),
            ("\"p\\u0031\"", "p1"), ("\"p1\"", "p1"), ("\"p\\u0031\"", "p1"),
        ];
        foreach (var (json, id) in cases)
        {
            Assert.Equal(id, PumpOf(json));
        }
    }

    [Fact]
    public void Parse_MorePumpsThanTheCacheHolds_TakingTurns_KeepTheirOwnIds()
    {
        // 5,000 pumps in turn, as strings and as numbers, three rounds: 10,000 keys for 2,048 slots, so every slot is
        // replaced many times over.
        for (var round = 0; round < 3; round++)
        {
            for (var pump = 0; pump < 5000; pump++)
            {
                Assert.Equal($"pump-{pump:D4}", PumpOf($"\"pump-{pump:D4}\""));
                Assert.Equal($"{pump + 1}", PumpOf($"{pump + 1}"));
            }
        }
    }

    [Fact]
    public void Parse_AnIdLongerThanTheCacheKeys_IsStillRead()
    {
        var id = new string('k', PumpIdCache.MaxKeyBytes + 1);
        Assert.Equal(id, PumpOf($"\"{id}\""));
        Assert.Equal(id, PumpOf($"\"{id}\""));
    }
}

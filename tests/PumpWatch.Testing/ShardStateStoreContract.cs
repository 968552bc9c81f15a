using PumpWatch.Core.Storage;

namespace PumpWatch.Testing;

/// <summary>
/// What every <see cref="IShardStateStore"/> must do (in memory, DynamoDB): derive, give a fresh empty store and a second
/// handle onto the same storage (another worker); the tests run against the real store. Expected values are the states
/// saved: the winner's must load back exactly, the loser's never.
/// </summary>
public abstract class ShardStateStoreContract
{
    /// <summary>Rounds of the two-writer race per test run (each round a new window end).</summary>
    protected const int RaceRounds = 100;

    /// <summary>A shard key as the Lambda builds it: the stream ARN, '/', the shard id.</summary>
    protected const string Shard = "arn:aws:kinesis:eu-west-1:123456789012:stream/pumps/shardId-000000000007";

    /// <summary>2027-01-15T08:00:00Z in epoch microseconds (1800000000 s is 2027-01-15T08:00:00Z, from Python's datetime).</summary>
    protected const long WindowEnd = 1_800_000_000_000_000;

    /// <summary>A new, empty store.</summary>
    protected abstract IShardStateStore CreateStore();

    /// <summary>Another handle onto <paramref name="store"/>'s storage, with its own connection, as a second worker has.</summary>
    protected abstract IShardStateStore OpenAnother(IShardStateStore store);

    /// <summary>A state that differs from every other <paramref name="n"/> in its pumps, texts and sequence number.</summary>
    protected static ShardState StateNumber(int n, long through) => new(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["p-1"] = $"v1;{n};AAEC+/8=",
            [$"pump-{n}"] = $"v1;{n * 7};q83v/ASN+Q==",
        },
        through,
        $"4959033827149025660855969253836157109592157598913658{n:0000}");

    /// <summary>Asserts <paramref name="actual"/> holds exactly <paramref name="expected"/>'s pumps, window end and sequence number.</summary>
    protected static void AssertLoaded(ShardState expected, ShardState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ThroughWindowEnd, actual.ThroughWindowEnd);
        Assert.Equal(expected.LastSequenceNumber, actual.LastSequenceNumber);
        Assert.Equal(expected.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_shard_loads_as_null()
    {
        var store = CreateStore();
        Assert.True(await store.TrySaveAsync(Shard, StateNumber(1, WindowEnd)));

        Assert.Null(await store.LoadAsync(Shard + "-other"));
        Assert.Null(await store.LoadAsync("arn:aws:kinesis:eu-west-1:123456789012:stream/pumps/shardId-000000000008"));
    }

    [Fact]
    public async Task A_saved_state_loads_back_exactly_with_unicode_pump_ids_and_base64_like_texts()
    {
        var store = CreateStore();
        var saved = new ShardState(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["7"] = "v1;AAAA+/8=;60000000",
                ["Pumpe-Ölförderung-東京-🛢"] = "v1;+/+/;a/b+c/d==",
                ["pump 3"] = "/leading/and/trailing/+",
            },
            WindowEnd,
            "49590338271490256608559692538361571095921575989136588898");

        Assert.True(await store.TrySaveAsync(Shard, saved));

        AssertLoaded(saved, await store.LoadAsync(Shard));
        AssertLoaded(saved, await OpenAnother(store).LoadAsync(Shard));
    }

    [Fact]
    public async Task A_state_without_a_last_sequence_number_loads_with_none()
    {
        var store = CreateStore();
        var saved = StateNumber(2, WindowEnd) with { LastSequenceNumber = null };

        Assert.True(await store.TrySaveAsync(Shard, saved));

        var loaded = await store.LoadAsync(Shard);
        Assert.Null(loaded?.LastSequenceNumber);
        AssertLoaded(saved, loaded);
    }

    [Fact]
    public async Task A_state_without_pumps_loads_with_none()
    {
        var store = CreateStore();
        var saved = new ShardState(new Dictionary<string, string>(), WindowEnd, null);

        Assert.True(await store.TrySaveAsync(Shard, saved));

        var loaded = await store.LoadAsync(Shard);
        Assert.NotNull(loaded);
        Assert.Empty(loaded.Pumps);
        Assert.Equal(WindowEnd, loaded.ThroughWindowEnd);
    }

    [Fact]
    public async Task A_shard_of_1000_pumps_with_100_byte_states_round_trips()
    {
        var store = CreateStore();
        var pumps = Enumerable.Range(0, 1_000).ToDictionary(i => $"pump-{i:0000}", i => $"{i:0000}/" + new string('+', 95), StringComparer.Ordinal);
        var saved = new ShardState(pumps, WindowEnd, "1");
        Assert.Equal(100, pumps["pump-0042"].Length);

        Assert.True(await store.TrySaveAsync(Shard, saved));

        AssertLoaded(saved, await store.LoadAsync(Shard));
    }

    [Fact]
    public async Task Shards_are_independent()
    {
        var store = CreateStore();
        Assert.True(await store.TrySaveAsync(Shard, StateNumber(1, WindowEnd)));

        Assert.True(await store.TrySaveAsync(Shard + "1", StateNumber(2, WindowEnd - 60_000_000)));

        AssertLoaded(StateNumber(1, WindowEnd), await store.LoadAsync(Shard));
        AssertLoaded(StateNumber(2, WindowEnd - 60_000_000), await store.LoadAsync(Shard + "1"));
    }

    [Fact]
    public async Task A_later_window_wins_and_replaces_the_whole_state()
    {
        var store = CreateStore();
        Assert.True(await store.TrySaveAsync(Shard, StateNumber(1, WindowEnd)));

        Assert.True(await store.TrySaveAsync(Shard, StateNumber(2, WindowEnd + 1)));

        // pump-1 was in the first state only: a save replaces the shard's pumps, it does not merge them.
        AssertLoaded(StateNumber(2, WindowEnd + 1), await store.LoadAsync(Shard));
    }

    [Fact]
    public async Task The_same_window_again_loses_and_leaves_the_first_state()
    {
        var store = CreateStore();
        Assert.True(await store.TrySaveAsync(Shard, StateNumber(1, WindowEnd)));

        Assert.False(await store.TrySaveAsync(Shard, StateNumber(2, WindowEnd)));

        AssertLoaded(StateNumber(1, WindowEnd), await store.LoadAsync(Shard));
    }

    [Fact]
    public async Task An_earlier_window_loses_and_leaves_the_later_state()
    {
        var store = CreateStore();
        Assert.True(await store.TrySaveAsync(Shard, StateNumber(3, WindowEnd)));

        Assert.False(await store.TrySaveAsync(Shard, StateNumber(1, WindowEnd - 60_000_000)));
        Assert.False(await store.TrySaveAsync(Shard, StateNumber(2, WindowEnd - 1)));

        AssertLoaded(StateNumber(3, WindowEnd), await store.LoadAsync(Shard));
    }

    [Fact]
    public async Task Two_writers_racing_on_one_shard_and_window_exactly_one_wins_every_round()
    {
        var first = CreateStore();
        var second = OpenAnother(first);
        for (var round = 1; round <= RaceRounds; round++)
        {
            var window = WindowEnd + (round * 60_000_000L);
            var (firstWon, secondWon) = await WriterRace.RunAsync(
                () => first.TrySaveAsync(Shard, StateNumber(round * 2, window)),
                () => second.TrySaveAsync(Shard, StateNumber((round * 2) + 1, window)));

            Assert.True(firstWon ^ secondWon, $"round {round}: first {(firstWon ? "won" : "lost")}, second {(secondWon ? "won" : "lost")}");
            AssertLoaded(StateNumber(firstWon ? round * 2 : (round * 2) + 1, window), await second.LoadAsync(Shard));
        }
    }

    [Fact]
    public async Task Two_writers_racing_with_adjacent_windows_always_leave_the_later_window_stored()
    {
        var first = CreateStore();
        var second = OpenAnother(first);
        for (var round = 1; round <= RaceRounds / 4; round++)
        {
            var later = WindowEnd + (round * 120_000_000L);
            var (_, laterWon) = await WriterRace.RunAsync(
                () => first.TrySaveAsync(Shard, StateNumber(1, later - 60_000_000)),
                () => second.TrySaveAsync(Shard, StateNumber(2, later)));

            Assert.True(laterWon, $"round {round}: the later window lost");
            AssertLoaded(StateNumber(2, later), await first.LoadAsync(Shard));
        }
    }
}

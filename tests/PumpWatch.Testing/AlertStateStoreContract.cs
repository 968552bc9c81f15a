using PumpWatch.Core.Alerts;

namespace PumpWatch.Testing;

/// <summary>
/// What every <see cref="IAlertStateStore"/> must do (DuckDB, DynamoDB): derive, give a fresh empty store, a second
/// handle onto the same table (another worker), and raw writes; the tests run against the real store. Expected
/// values are the states written: the winner's must come back, the loser's never.
/// </summary>
public abstract class AlertStateStoreContract
{
    /// <summary>Rounds of the two-writer race per test run (each round a new window end).</summary>
    protected const int RaceRounds = 100;

    /// <summary>A new, empty store.</summary>
    protected abstract IAlertStateStore CreateStore();

    /// <summary>Another handle onto <paramref name="store"/>'s table, with its own connection, as a second worker has.</summary>
    protected abstract IAlertStateStore OpenAnother(IAlertStateStore store);

    /// <summary>Stores <paramref name="stateText"/> for <paramref name="pumpId"/> behind the store's back (a hand edit).</summary>
    protected abstract Task WriteRawAsync(IAlertStateStore store, string pumpId, string stateText, long appliedThrough);

    /// <summary>A state that differs from every other <paramref name="n"/> (mask, streak and times all vary).</summary>
    protected static AlertState StateNumber(int n) =>
        new(n & 0b111, n % 2 == 1, n % 3 == 0 ? AlertSeverity.Critical : AlertSeverity.Warning, 1_000L * n, 2_000L * n, AlertSeverity.Warning, n);

    [Fact]
    public async Task Reads_of_unknown_pumps_return_nothing()
    {
        var store = CreateStore();
        Assert.Empty(await store.ReadAsync(["p-1", "p-2"]));
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(1), windowEnd: 60));

        var read = await store.ReadAsync(["p-2", "p-3", "p-1"]);

        Assert.Equal(["p-1"], read.Keys);
        Assert.Empty(await store.ReadAsync([]));
    }

    [Fact]
    public async Task The_first_write_wins_and_reads_back_exactly()
    {
        var store = CreateStore();

        Assert.True(await store.TryWriteAsync("p-1", StateNumber(5), windowEnd: 1_800_000_000_000_000));

        var read = await store.ReadAsync(["p-1"]);
        Assert.Equal(new AppliedAlertState(StateNumber(5), 1_800_000_000_000_000), read["p-1"]);
    }

    [Fact]
    public async Task The_same_window_again_loses_and_leaves_the_first_state()
    {
        var store = CreateStore();
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(1), windowEnd: 60));

        Assert.False(await store.TryWriteAsync("p-1", StateNumber(2), windowEnd: 60));

        Assert.Equal(new AppliedAlertState(StateNumber(1), 60), (await store.ReadAsync(["p-1"]))["p-1"]);
    }

    [Fact]
    public async Task A_later_window_wins_over_an_earlier_one()
    {
        var store = CreateStore();
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(1), windowEnd: 60));

        Assert.True(await store.TryWriteAsync("p-1", StateNumber(2), windowEnd: 120));

        Assert.Equal(new AppliedAlertState(StateNumber(2), 120), (await store.ReadAsync(["p-1"]))["p-1"]);
    }

    [Fact]
    public async Task An_earlier_window_never_overwrites_a_later_one()
    {
        var store = CreateStore();
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(3), windowEnd: 180));

        Assert.False(await store.TryWriteAsync("p-1", StateNumber(1), windowEnd: 60));
        Assert.False(await store.TryWriteAsync("p-1", StateNumber(2), windowEnd: 179));

        Assert.Equal(new AppliedAlertState(StateNumber(3), 180), (await store.ReadAsync(["p-1"]))["p-1"]);
    }

    [Fact]
    public async Task Pumps_are_independent()
    {
        var store = CreateStore();
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(1), windowEnd: 120));

        Assert.True(await store.TryWriteAsync("p-2", StateNumber(2), windowEnd: 60));

        var read = await store.ReadAsync(["p-1", "p-2"]);
        Assert.Equal(new AppliedAlertState(StateNumber(1), 120), read["p-1"]);
        Assert.Equal(new AppliedAlertState(StateNumber(2), 60), read["p-2"]);
    }

    [Fact]
    public async Task Two_writers_racing_on_one_pump_and_window_exactly_one_wins_every_round()
    {
        var first = CreateStore();
        var second = OpenAnother(first);
        for (var round = 1; round <= RaceRounds; round++)
        {
            var window = round * 60L;
            var (firstWon, secondWon) = await WriterRace.RunAsync(
                () => first.TryWriteAsync("p-race", StateNumber(round * 2), window),
                () => second.TryWriteAsync("p-race", StateNumber((round * 2) + 1), window));

            Assert.True(firstWon ^ secondWon, $"round {round}: first {(firstWon ? "won" : "lost")}, second {(secondWon ? "won" : "lost")}");
            var winner = firstWon ? round * 2 : (round * 2) + 1;
            Assert.Equal(new AppliedAlertState(StateNumber(winner), window), (await second.ReadAsync(["p-race"]))["p-race"]);
        }
    }

    [Fact]
    public async Task Two_writers_racing_with_adjacent_windows_always_leave_the_later_window_stored()
    {
        var first = CreateStore();
        var second = OpenAnother(first);
        for (var round = 1; round <= RaceRounds / 4; round++)
        {
            var later = round * 120L;
            var (_, laterWon) = await WriterRace.RunAsync(
                () => first.TryWriteAsync("p-race", StateNumber(1), later - 60),
                () => second.TryWriteAsync("p-race", StateNumber(2), later));

            Assert.True(laterWon, $"round {round}: the later window lost");
            Assert.Equal(new AppliedAlertState(StateNumber(2), later), (await first.ReadAsync(["p-race"]))["p-race"]);
        }
    }

    [Fact]
    public async Task Reading_many_pumps_at_once_returns_each_with_its_own_state_once()
    {
        var store = CreateStore();
        var pumps = Enumerable.Range(0, 250).Select(i => $"pump-{i:000}").ToArray();
        for (var i = 0; i < pumps.Length; i += 2)
        {
            Assert.True(await store.TryWriteAsync(pumps[i], StateNumber(i), windowEnd: 1_000 + i));
        }

        var read = await store.ReadAsync([.. pumps, .. pumps[..10]]);

        Assert.Equal(125, read.Count);
        for (var i = 0; i < pumps.Length; i += 2)
        {
            Assert.Equal(new AppliedAlertState(StateNumber(i), 1_000 + i), read[pumps[i]]);
        }
    }

    [Fact]
    public async Task A_state_that_does_not_parse_reads_as_initial_with_its_problem_and_a_later_window_replaces_it()
    {
        var store = CreateStore();
        await WriteRawAsync(store, "p-1", "not;a;state", appliedThrough: 60);

        var read = (await store.ReadAsync(["p-1"]))["p-1"];

        Assert.Equal((AlertState.Initial, 60L), (read.State, read.AppliedThrough));
        Assert.Contains("'not;a;state'", read.Problem, StringComparison.Ordinal);
        Assert.True(await store.TryWriteAsync("p-1", StateNumber(4), windowEnd: 120));
        Assert.Equal(new AppliedAlertState(StateNumber(4), 120), (await store.ReadAsync(["p-1"]))["p-1"]);
    }
}

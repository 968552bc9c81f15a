using PumpWatch.Core.Baselines;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Baselines;

/// <summary>
/// The recent level of a layout without a flow sensor (pumpwatch.residuals/2): the window level averaged over 6 h by the
/// pump's runtime state, its drift following over 7 days, carried as pumpwatch.drift/2. Expected values are
/// w = 1 - exp(-window / time constant) worked out by hand (Python's math.exp), not by the code under test.
/// </summary>
public sealed class RecentLevelTests
{
    private const double Tolerance = 1e-12;

    // 1 - exp(-1 h / 6 h) and 1 - exp(-1 h / 168 h).
    private const double HourOfSix = 0.15351827510938587;
    private const double HourOfWeek = 0.0059347006302779;

    private static readonly ResidualLayout Machine = new(["value"], daily: false);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Layout_WithoutFlow_ScoresRecentLevels_WithFlow_None()
    {
        Assert.Equal(["value.recent_level_z", "value.spread_z", "value.stuck", "value.missing_z"], Machine.Names);
        Assert.True(Machine.IsRecentLevel(0));
        Assert.False(Machine.IsRecentLevel(1));

        var pump = new ResidualLayout(TutorialSensors.All, daily: false);
        Assert.DoesNotContain(Enumerable.Range(0, pump.Names.Count), pump.IsRecentLevel);
    }

    [Fact]
    public void Smooth_StartsAtTheFirstWindow_ThenMovesByItsWeight_AndAZeroWindowReadsItUnmoved()
    {
        var state = new LevelDrift("m", Machine.Names.Count);
        double[] z = [2, 7, 0, 0];
        state.Smooth(Machine, z, Hour);
        Assert.Equal(2, state.Recent[0]);
        Assert.Equal(2, z[0]);

        z = [5, 7, 0, 0];
        state.Smooth(Machine, z, Hour);
        // 2 + w (5 - 2), w = 0.15351827510938587.
        Assert.Equal(2.4605548253281575, state.Recent[0], Tolerance);
        Assert.Equal(2.4605548253281575, z[0], Tolerance);
        Assert.Equal(7, z[1]); // a spread is its window's own

        z = [100, 7, 0, 0];
        state.Smooth(Machine, z, TimeSpan.Zero);
        Assert.Equal(2.4605548253281575, z[0], Tolerance);

        z = [double.NaN, 7, 0, 0];
        state.Smooth(Machine, z, Hour);
        Assert.Equal(2.4605548253281575, z[0], Tolerance);
        Assert.True(double.IsNaN(state.Recent[1]));
    }

    [Fact]
    public void Follow_ARecentLevel_DriftsWithAWeekTimeConstant()
    {
        var state = new LevelDrift("m", Machine.Names.Count);
        state.Follow(Machine, [5, 5, 0, 0], Hour);
        // Clipped to 2 deviations, times 1 - exp(-1 h / 168 h).
        Assert.Equal(2 * HourOfWeek, state.Offsets[0], Tolerance);
        Assert.Equal(0, state.Offsets[1]);
    }

    [Fact]
    public void Residuals_WithState_ScoreTheRecentLevelLessItsDrift()
    {
        // A hand-made baseline: level median 10 with scale 2 (no fit terms without flow and daily), spread centre 0 scale 1.
        var own = new PumpBaseline(double.NaN, double.NaN, [[10], [0, 0], [], []], [0, 0, 0, 0], [2, 1, 1, 1], 100);
        var baselines = new PumpBaselines(Machine, own, new Dictionary<string, PumpBaseline> { ["m"] = own });
        var state = new LevelDrift("m", Machine.Names.Count);
        var z = new double[Machine.Names.Count];

        // Inputs in layout order: value.mean, value.range, value.present_share, value.slope_per_min.
        baselines.Residuals([10, 0.1, 1, 0], "m", 0, state, Hour, z, out _);
        Assert.Equal(0, z[0], Tolerance);

        // A window at 22 is (22 - 10) / 2 = 6 deviations; the recent level moves 6 w of it, then the drift of 0.5 comes off.
        state.Offsets[0] = 0.5;
        baselines.Residuals([22, 0.1, 1, 0], "m", 3_600_000_000, state, Hour, z, out var evidence);
        Assert.Equal((6 * HourOfSix) - 0.5, z[0], Tolerance);
        Assert.Equal((6 * HourOfSix) - 0.5, evidence, Tolerance);

        // Without a state the same window is scored on its own: 6 deviations less the same drift.
        baselines.Residuals([22, 0.1, 1, 0], "m", 3_600_000_000, [0.5, 0, 0, 0], z, out _);
        Assert.Equal(5.5, z[0], Tolerance);
    }

    [Fact]
    public void EncodeDecode_WithRecentLevels_IsVersion2AndRoundTrips_WithoutThemStaysVersion1()
    {
        var state = new LevelDrift("model-1", 2);
        state.Offsets[0] = 0.25;
        Assert.StartsWith("pumpwatch.drift/1 ", state.Encode(), StringComparison.Ordinal);

        state.Recent[0] = -1.0 / 3;
        Assert.Equal("pumpwatch.drift/2 model-1 0.25 0 -0.3333333333333333 NaN", state.Encode());
        var back = LevelDrift.TryDecode(state.Encode());
        Assert.NotNull(back);
        Assert.Equal([0.25, 0], back.Offsets);
        Assert.Equal(-1.0 / 3, back.Recent[0]);
        Assert.True(double.IsNaN(back.Recent[1]));

        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/2 model-1 0.25 0 1")); // odd count: offsets and recent levels pair up
        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/2 model-1 NaN 0"));    // an offset is never NaN
        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/2 model-1 0 Infinity"));
    }
}

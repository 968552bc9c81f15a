using PumpWatch.Core.Baselines;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Baselines;

public sealed class LevelDriftTests
{
    private const double Tolerance = 1e-12;

    // The drift after 240 one-minute steps is a product of 240 factors: rounding in the last digits only.
    private const double ClosedFormTolerance = 1e-9;

    private static readonly ResidualLayout Layout = new(TutorialSensors.All, daily: false);

    private static int Index(string name) => Layout.Names.ToList().IndexOf(name);

    [Fact]
    public void Follow_MovesEachLevelByItsWeightTimesTheClippedResidual_AndLeavesOtherKinds()
    {
        var drift = new LevelDrift("m", Layout.Names.Count);
        var z = new double[Layout.Names.Count];
        z[Index("pressure.residual_z")] = 1;
        z[Index("temperature.residual_z")] = 5;
        z[Index("vibration.residual_z")] = -3;
        z[Index("pressure.spread_z")] = 4;
        drift.Follow(Layout, z, TimeSpan.FromMinutes(1));

        // Hand calculation: w = 1 - exp(-60 s / 4 h) = 0.004157998154890041 for pressure and vibration,
        // 1 - exp(-60 s / 12 h) = 0.001387924829091669 for temperature; residuals clipped to +/-2.
        Assert.Equal(0.004157998154890041, drift.Offsets[Index("pressure.residual_z")], Tolerance);
        Assert.Equal(2 * 0.001387924829091669, drift.Offsets[Index("temperature.residual_z")], Tolerance);
        Assert.Equal(-2 * 0.004157998154890041, drift.Offsets[Index("vibration.residual_z")], Tolerance);
        Assert.Equal(0, drift.Offsets[Index("pressure.spread_z")]);
    }

    [Fact]
    public void Follow_AStepOfOneDeviation_ReachesOneMinusOneOverEInOneTimeConstant()
    {
        var drift = new LevelDrift("m", Layout.Names.Count);
        var pressure = Index("pressure.residual_z");
        var z = new double[Layout.Names.Count];
        for (var minute = 0; minute < 240; minute++)
        {
            // A constant offset of 1 deviation, seen with the drift taken off as the pipeline hands it over.
            z[pressure] = 1 - drift.Offsets[pressure];
            drift.Follow(Layout, z, TimeSpan.FromMinutes(1));
        }

        // d_n = 1 - (1 - w)^n = 1 - exp(-n 60 s / 4 h): after 4 h, 1 - 1/e.
        Assert.Equal(1 - Math.Exp(-1), drift.Offsets[pressure], ClosedFormTolerance);
    }

    [Fact]
    public void Follow_NaNResidual_LeavesItsDrift()
    {
        var drift = new LevelDrift("m", Layout.Names.Count);
        var z = new double[Layout.Names.Count];
        z[Index("pressure.residual_z")] = double.NaN;
        drift.Follow(Layout, z, TimeSpan.FromMinutes(1));
        Assert.Equal(0, drift.Offsets[Index("pressure.residual_z")]);
    }

    [Fact]
    public void EncodeDecode_RoundTripsExactly_AndAnotherVersionIsDropped()
    {
        var drift = new LevelDrift("model-1", 3);
        drift.Offsets[0] = 0.1;
        drift.Offsets[1] = -1.0 / 3;
        Assert.Equal("pumpwatch.drift/1 model-1 0.1 -0.3333333333333333 0", drift.Encode());
        var back = LevelDrift.TryDecode(drift.Encode());
        Assert.NotNull(back);
        Assert.Equal("model-1", back.ModelId);
        Assert.Equal([0.1, -1.0 / 3, 0], back.Offsets);
        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/0 model-1 0.1"));
        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/1 model-1 x"));
        Assert.Null(LevelDrift.TryDecode("pumpwatch.drift/1 model-1 NaN"));
        Assert.Null(LevelDrift.TryDecode(""));
    }
}

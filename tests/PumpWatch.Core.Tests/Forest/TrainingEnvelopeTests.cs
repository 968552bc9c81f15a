using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

public sealed class TrainingEnvelopeTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Excess_IsDistanceBeyondTheRangeInStd_AndRaiseFollowsTheFormula()
    {
        // Feature 0: range [0, 10], std 2. Feature 1: constant 5 in training, so its unit is 5e-3.
        var envelope = new TrainingEnvelope([0.0, 5.0], [10.0, 5.0], [2.0, 0.0], deadZone: 3, halfDistance: 1);
        Assert.Equal(0.0, envelope.Excess(0, 7.0));
        Assert.Equal(3.0, envelope.Excess(0, 16.0), Tolerance);
        Assert.Equal(2.0, envelope.Excess(0, -4.0), Tolerance);
        Assert.Equal(0.0, envelope.Excess(0, double.NaN));
        Assert.Equal(2.0, envelope.Excess(1, 5.01), 1e-9);

        // Hand calculation: inside the dead zone unchanged; one deviation past it halves the gap to 1.
        Assert.Equal(0.5, envelope.Raise(0.5, 3.0), Tolerance);
        Assert.Equal(0.75, envelope.Raise(0.5, 4.0), Tolerance);
        Assert.Equal(0.875, envelope.Raise(0.5, 5.0), Tolerance);
        Assert.Equal(0.6, envelope.Raise(0.6, 1.0), Tolerance);

        Assert.Equal(3.0, envelope.MaxExcess([16.0, 5.0], out var feature), Tolerance);
        Assert.Equal(0, feature);
    }

    private static (AnomalyModel Model, double[] Rows) Healthy()
    {
        var rng = new MersenneTwister(17);
        var rows = new double[800 * 3];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (i % 3 * 100) + (rng.NextDouble() * 10);
        }

        return (AnomalyModel.Train(rows, ["a.mean", "b.mean", "c.mean"], TrainingOptions.Default, DateTimeOffset.UnixEpoch, "fs/1"), rows);
    }

    [Fact]
    public void ScoreWindow_EqualsTheIsolationScoreInsideTheEnvelope_AndClimbsFarOutsideIt()
    {
        var (model, rows) = Healthy();
        for (var r = 0; r < 800; r += 37)
        {
            var x = rows.AsSpan(r * 3, 3);
            Assert.Equal(model.Score(x), model.ScoreWindow(x, out var isolation));
            Assert.Equal(model.Score(x), isolation);
        }

        // Features a, b, c span 0-10, 100-110, 200-210 (std about 2.9); b: the isolation score saturates, the window score does not.
        double[] Shifted(double b) => [5, b, 205];
        var near = model.ScoreWindow(Shifted(115), out var nearIsolation);
        var far = model.ScoreWindow(Shifted(125), out var farIsolation);
        var farther = model.ScoreWindow(Shifted(200), out _);
        Assert.Equal(nearIsolation, near);          // 5 beyond the max is under 3 std: untouched
        Assert.Equal(nearIsolation, farIsolation, 0.02); // the forest cannot tell 115 from 125
        Assert.True(far > model.Threshold.Value, $"far {far} vs threshold {model.Threshold.Value}");
        Assert.True(farther > far);

        var top = model.TopContributions(Shifted(125), 3);
        Assert.Equal("b.mean", top[0].Feature);
        Assert.True(top[0].DeviationsBeyondTraining > 3);
    }

    [Fact]
    public void Envelope_SurvivesTheArtifact_AndCanBeTurnedOff()
    {
        var (model, _) = Healthy();
        var loaded = ModelArtifact.FromJson(ModelArtifact.ToJson(model));
        double[] far = [5, 140, 205];
        Assert.Equal(model.ScoreWindow(far, out _), loaded.ScoreWindow(far, out _));
        Assert.Equal(model.Envelope.DeadZone, loaded.Envelope.DeadZone);

        var rng = new MersenneTwister(17);
        var rows = Enumerable.Range(0, 2400).Select(i => (i % 3 * 100) + (rng.NextDouble() * 10)).ToArray();
        var off = AnomalyModel.Train(rows, ["a.mean", "b.mean", "c.mean"], TrainingOptions.Default with { EnvelopeDeadZone = double.PositiveInfinity },
            DateTimeOffset.UnixEpoch, "fs/1");
        Assert.Equal(off.Score(far), off.ScoreWindow(far, out _));
    }
}

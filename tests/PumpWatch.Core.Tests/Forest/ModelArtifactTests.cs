using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

public sealed class ModelArtifactTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static AnomalyModel Train(ScalerKind scaler = ScalerKind.Standard, double? fixedThreshold = null)
    {
        var rng = new MersenneTwister(1);
        var rows = new double[500 * 3];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (i % 3 * 10) + rng.NextDouble();
        }

        return AnomalyModel.Train(rows, ["a.mean", "b.mean", "c.mean"],
            new TrainingOptions(new ForestOptions(50, 256, 4), scaler, 0.02, fixedThreshold), Created, "fs/1");
    }

    [Fact]
    public void RoundTrip_ScoresIdentically_AndKeepsEveryField()
    {
        var model = Train(ScalerKind.Robust);
        var loaded = ModelArtifact.FromJson(ModelArtifact.ToJson(model));
        Assert.Equal(model.ModelId, loaded.ModelId);
        Assert.StartsWith("if-", model.ModelId, StringComparison.Ordinal);
        Assert.Equal(model.Features, loaded.Features);
        Assert.Equal(ScalerKind.Robust, loaded.Scaler.Kind);
        Assert.Equal(model.Threshold, loaded.Threshold);
        Assert.Equal(Created, loaded.Created);
        Assert.Equal(500, loaded.Training.Rows);
        foreach (var x in new[] { new[] { 0.5, 10.5, 20.5 }, [5.0, 0.0, 99.0] })
        {
            Assert.Equal(model.Score(x), loaded.Score(x));
        }
    }

    [Fact]
    public void RoundTrip_KeepsTheInputSettings_AndTheyArePartOfTheId()
    {
        var plain = Train();
        var input = new ModelInput(PumpWatch.Core.Windows.WindowOptions.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)),
            [new PumpWatch.Core.Readings.SensorSpec("vibration", "in/s", 0, 4)], ["VT101=vibration"]);
        var model = plain.WithInput(input);
        Assert.NotEqual(plain.ModelId, model.ModelId);
        var loaded = ModelArtifact.FromJson(ModelArtifact.ToJson(model));
        Assert.Equal(model.ModelId, loaded.ModelId);
        Assert.NotNull(loaded.Input);
        Assert.Equal(input.Windows, loaded.Input.Windows);
        Assert.Equal(input.Sensors, loaded.Input.Sensors);
        Assert.Equal(input.SensorColumns, loaded.Input.SensorColumns);
        Assert.Null(loaded.Input.WindowMismatch(input.Windows));
        Assert.Equal("--window 1m, but the model was trained on --window 15m --hop 5m",
            loaded.Input.WindowMismatch(PumpWatch.Core.Windows.WindowOptions.Tumbling(TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public void ModelId_IsAContentHash_IndependentOfCreatedTime()
    {
        var a = Train();
        var json = ModelArtifact.ToJson(a).Replace("2026-05-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00", StringComparison.Ordinal);
        Assert.Equal(a.ModelId, ModelArtifact.FromJson(json).ModelId);
        Assert.NotEqual(a.ModelId, Train(fixedThreshold: 0.7).ModelId);
    }

    [Fact]
    public void FromJson_UnknownSchema_IsRejectedWithTheSchemaNamed()
    {
        var json = ModelArtifact.ToJson(Train()).Replace(ModelArtifact.Schema, "pumpwatch.model/99", StringComparison.Ordinal);
        var e = Assert.Throws<ModelMismatchException>(() => ModelArtifact.FromJson(json));
        Assert.Contains("pumpwatch.model/99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_EditedContent_IsRejected()
    {
        var json = ModelArtifact.ToJson(Train()).Replace("\"a.mean\"", "\"z.mean\"", StringComparison.Ordinal);
        Assert.Throws<ModelMismatchException>(() => ModelArtifact.FromJson(json));
        Assert.Throws<ModelMismatchException>(() => ModelArtifact.FromJson("{not json"));
    }

    [Fact]
    public void EnsureCompatible_MissingFeature_NamesIt()
    {
        var e = Assert.Throws<ModelMismatchException>(() => Train().EnsureCompatible(["a.mean", "b.mean"], "fs/1"));
        Assert.Contains("c.mean", e.Message, StringComparison.Ordinal);
        Assert.Throws<ModelMismatchException>(() => Train().EnsureCompatible(["a.mean", "b.mean", "c.mean"], "fs/2"));
    }

    [Fact]
    public void Threshold_FromFalseAlarmRate_IsTheUpperQuantileOfTrainingScores()
    {
        // 1..100 with rate 0.05: R7 quantile at 0.95 = 1 + 0.95 * 99 = 95.05 (hand calculation).
        var t = Threshold.FromFalseAlarmRate(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 0.05);
        Assert.Equal(95.05, t.Value, 1e-9);
        Assert.Equal(Threshold.FalseAlarmRateMethod, t.Method);
        Assert.Throws<ArgumentOutOfRangeException>(() => Threshold.Fixed(1.5));
    }

    [Fact]
    public void Scaler_Standard_UsesPopulationStd_AndRobustUsesMedianAndIqr()
    {
        // Column 1,2,3,4: mean 2.5, population std sqrt(1.25); median 2.5, IQR (R7) 3.25 - 1.75 = 1.5.
        double[] rows = [1, 2, 3, 4];
        var standard = FeatureScaler.Fit(rows, 1, ScalerKind.Standard);
        Assert.Equal(2.5, standard.Center[0], 1e-12);
        Assert.Equal(Math.Sqrt(1.25), standard.Scale[0], 1e-12);
        var robust = FeatureScaler.Fit(rows, 1, ScalerKind.Robust);
        Assert.Equal(2.5, robust.Center[0], 1e-12);
        Assert.Equal(1.5, robust.Scale[0], 1e-12);
        var output = new double[1];
        robust.Transform([double.NaN], output);
        Assert.Equal(0.0, output[0]);
    }
}

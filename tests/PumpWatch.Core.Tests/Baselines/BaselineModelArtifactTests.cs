using MathNet.Numerics.Random;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Baselines;

public sealed class BaselineModelArtifactTests
{
    private static readonly DateTimeOffset Created = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ModelWithBaselinesAndCalibration_RoundTrips_AndScoresIdentically()
    {
        // Sensor "value" alone (no flow): its level, spread, stuck and missing residuals against each pump's own median.
        var layout = new ResidualLayout(["value"], daily: false);
        var rng = new MersenneTwister(3);
        var rows = new List<double>();
        var pumps = new List<string>();
        var starts = new List<long>();
        for (var i = 0; i < 120; i++)
        {
            var pump = i % 2 == 0 ? "1" : "2";
            // Inputs in layout order: value.mean, value.range, value.present_share, value.slope_per_min.
            rows.AddRange([(pump == "1" ? 10 : 50) + rng.NextDouble(), 1 + rng.NextDouble(), 1, 0]);
            pumps.Add(pump);
            starts.Add(i * 60_000_000L);
        }

        var baselines = PumpBaselines.Fit(layout, rows.ToArray(), pumps, starts);
        var z = new List<double>();
        var buffer = new double[layout.Names.Count];
        for (var i = 0; i < pumps.Count; i++)
        {
            baselines.Residuals(rows.ToArray().AsSpan(i * 4, 4), pumps[i], starts[i], buffer, out _);
            z.AddRange(buffer);
        }

        var model = AnomalyModel.Train(z.ToArray(), layout.Names, new TrainingOptions(new ForestOptions(20, 64, 1)), Created, "fs/2")
            .WithBaselines(baselines, new AlertCalibration(3, 5, 0.7, 0.1, 0, 2.5, 0.04));
        var loaded = ModelArtifact.FromJson(ModelArtifact.ToJson(model));
        Assert.Equal(model.ModelId, loaded.ModelId);
        Assert.Equal((3, 5, 0.7), (loaded.Calibration!.K, loaded.Calibration.N, loaded.Threshold.Value));
        Assert.Equal(Threshold.AlertBudgetMethod, loaded.Threshold.Method);
        Assert.Equal(["value.mean", "value.range", "value.present_share", "value.slope_per_min"], loaded.InputFeatures);

        // Pump 1 at 30 is far above its own ~10.5 but inside the fleet's range: its own baseline says so, as does the copy.
        double[] window = [30, 1.5, 1, 0];
        Assert.Equal(model.ScoreWindow(window, "1", 0, out _), loaded.ScoreWindow(window, "1", 0, out _));
        Assert.True(model.ScoreWindow(window, "1", 0, out _) > model.ScoreWindow(window, "unseen", 0, out _));
    }

    [Fact]
    public void ResidualVersions_WithFlowStayOne_WithoutFlowAreTwo_AndOneWithoutFlowIsRefusedInOneLine()
    {
        // A layout with a flow sensor computes as version 1 did, so its models record 1 and keep their ids; without one
        // the level became the recent level (version 2), which a version-1 model never had.
        Assert.Equal("pumpwatch.residuals/1", new ResidualLayout(["pressure", "flow_rate"], daily: false).DefinitionVersion);
        Assert.Equal("pumpwatch.residuals/2", new ResidualLayout(["value"], daily: true).DefinitionVersion);

        var layout = new ResidualLayout(["value"], daily: false);
        var own = new PumpBaseline(double.NaN, double.NaN, [[10], [0, 0], [], []], [0, 0, 0, 0], [2, 1, 1, 1], 100);
        var baselines = new PumpBaselines(layout, own, new Dictionary<string, PumpBaseline>());
        var rows = Enumerable.Range(0, 200).Select(i => (double)(i % 13)).ToArray();
        var model = AnomalyModel.Train(rows, layout.Names, new TrainingOptions(new ForestOptions(10, 32, 1)), Created, "fs/2").WithBaselines(baselines, null);
        var json = ModelArtifact.ToJson(model);
        Assert.Contains("\"pumpwatch.residuals/2\"", json, StringComparison.Ordinal);
        Assert.Equal(model.ModelId, ModelArtifact.FromJson(json).ModelId);

        var error = Assert.Throws<ModelMismatchException>(() => ModelArtifact.FromJson(json.Replace("pumpwatch.residuals/2", "pumpwatch.residuals/1", StringComparison.Ordinal)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("pumpwatch.residuals/1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaOneModel_StillLoads_AndAnotherSchemaIsRefusedInOneLine()
    {
        var model = AnomalyModel.Train(Enumerable.Range(0, 200).Select(i => (double)(i % 17)).ToArray(), ["a.mean", "b.mean"],
            new TrainingOptions(new ForestOptions(10, 32, 1)), Created, "pumpwatch.features/1");
        var json = ModelArtifact.ToJson(model).Replace(ModelArtifact.Schema, ModelArtifact.PreviousSchema, StringComparison.Ordinal)
            .Replace(model.ModelId, ModelArtifact.ContentId(model, ModelArtifact.PreviousSchema), StringComparison.Ordinal);
        var loaded = ModelArtifact.FromJson(json);
        Assert.Null(loaded.Baselines);
        Assert.Equal(ModelArtifact.ContentId(model, ModelArtifact.PreviousSchema), loaded.ModelId);

        var error = Assert.Throws<ModelMismatchException>(() => ModelArtifact.FromJson(json.Replace(ModelArtifact.PreviousSchema, "pumpwatch.model/9", StringComparison.Ordinal)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("pumpwatch.model/9", error.Message, StringComparison.Ordinal);
    }
}

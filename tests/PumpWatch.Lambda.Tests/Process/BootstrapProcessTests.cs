using System.Text;
using System.Text.Json;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;
using PumpWatch.Lambda.Tests.RuntimeApi;

namespace PumpWatch.Lambda.Tests.Process;

/// <summary>
/// The real bootstrap (Program.Main: environment, HttpClient, loop, the function's init) as a child process with
/// AWS_LAMBDA_RUNTIME_API pointing at a local Runtime API, the way Lambda runs it.
/// </summary>
public sealed class BootstrapProcessTests
{
    /// <summary>Process start plus JIT on a loaded two-core machine takes seconds; far more than this means a hang.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>2100-01-01T00:00:00Z in Unix milliseconds.</summary>
    private const string FarDeadlineMs = "4102444800000";

    // A model trained on one-minute tumbling windows of the four tutorial sensors (values from a seeded generator).
    private static string ModelFile()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(3);
        var features = FeatureSet.ModelDefault.Names;
        var rows = Enumerable.Range(0, 64 * features.Count).Select(_ => rng.NextDouble()).ToArray();
        var model = AnomalyModel.Train(rows, features, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version)
            .WithInput(new ModelInput(WindowOptions.Tumbling(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5)), SensorSpec.Defaults, []));
        var path = Path.Combine(Path.GetTempPath(), $"pumpwatch-model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ModelArtifact.ToJson(model));
        return path;
    }

    [Fact]
    public async Task A_missing_setting_is_an_init_error_naming_it()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var bootstrap = BootstrapProcess.Start(new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
            ["AWS_REGION"] = "us-east-1",
            ["PUMPWATCH_MODEL"] = "",
        });

        var post = await api.NextPostAsync(Wait);
        Assert.Equal(1, await bootstrap.ExitedWithinAsync(Wait));
        Assert.Equal(("init/error", null), (post.Kind, post.RequestId));
        using var body = JsonDocument.Parse(post.Body);
        Assert.StartsWith("PUMPWATCH_MODEL is not set", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_whose_window_differs_from_the_tumbling_window_is_an_init_error_naming_both()
    {
        var model = ModelFile();
        try
        {
            await using var api = await LocalRuntimeApi.StartAsync();
            await using var bootstrap = BootstrapProcess.Start(new Dictionary<string, string>
            {
                ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
                ["AWS_REGION"] = "us-east-1",
                ["PUMPWATCH_MODEL"] = model,
                ["PUMPWATCH_TUMBLING_WINDOW_SECONDS"] = "300",
            });

            var post = await api.NextPostAsync(Wait);
            Assert.Equal(1, await bootstrap.ExitedWithinAsync(Wait));
            Assert.Equal(("init/error", "FunctionConfigurationException"), (post.Kind, post.Headers["lambda-runtime-function-error-type"]));
            using var body = JsonDocument.Parse(post.Body);
            var message = body.RootElement.GetProperty("errorMessage").GetString()!;
            Assert.Contains("TumblingWindowInSeconds is 300 s", message, StringComparison.Ordinal);
            Assert.Contains("--window 1m", message, StringComparison.Ordinal);
            Assert.Empty(api.NextPolls);
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task A_bad_setting_is_posted_to_init_error_and_the_bootstrap_exits_non_zero()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var bootstrap = BootstrapProcess.Start(new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
            ["PUMPWATCH_CANCEL_BEFORE_DEADLINE_MS"] = "soon",
        });

        var post = await api.NextPostAsync(Wait);
        var exit = await bootstrap.ExitedWithinAsync(Wait);

        Assert.Equal(("init/error", null), (post.Kind, post.RequestId));
        Assert.Equal("FunctionConfigurationException", post.Headers["lambda-runtime-function-error-type"]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("FunctionConfigurationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.StartsWith("PUMPWATCH_CANCEL_BEFORE_DEADLINE_MS is 'soon'", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Empty(api.NextPolls);
    }

    [Fact]
    public async Task Without_a_runtime_api_the_bootstrap_says_so_in_one_line_and_exits_non_zero()
    {
        await using var bootstrap = BootstrapProcess.Start(new Dictionary<string, string>());

        var exit = await bootstrap.ExitedWithinAsync(Wait);

        Assert.Equal(2, exit);
        var lines = bootstrap.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("bootstrap: AWS_LAMBDA_RUNTIME_API is '(not set)', not host:port; this program runs in AWS Lambda's provided.al2023 runtime or under a Runtime API emulator", Assert.Single(lines));
    }
}

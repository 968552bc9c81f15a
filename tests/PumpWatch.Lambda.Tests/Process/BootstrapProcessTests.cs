using System.Text;
using System.Text.Json;
using PumpWatch.Lambda.Tests.Fixtures;
using PumpWatch.Lambda.Tests.RuntimeApi;

namespace PumpWatch.Lambda.Tests.Process;

/// <summary>
/// The real bootstrap (Program.Main: environment, HttpClient, loop, placeholder handler) as a child process with
/// AWS_LAMBDA_RUNTIME_API pointing at a local Runtime API, the way Lambda runs it.
/// </summary>
public sealed class BootstrapProcessTests
{
    /// <summary>Process start plus JIT on a loaded two-core machine takes seconds; far more than this means a hang.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>2100-01-01T00:00:00Z in Unix milliseconds.</summary>
    private const string FarDeadlineMs = "4102444800000";

    [Fact]
    public async Task The_bootstrap_answers_the_documented_event_with_its_state_then_reports_a_bad_payload_and_keeps_running()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var bootstrap = BootstrapProcess.Start(new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort });

        api.Enqueue(new QueuedInvocation("8476a536-e9f4-11e8-9739-2dfe598c3fcd", Encoding.UTF8.GetBytes(KinesisWindowEvents.DocumentedExample), FarDeadlineMs));
        api.Enqueue(new QueuedInvocation("req-not-json", "not json"u8.ToArray(), FarDeadlineMs));
        var response = await api.NextPostAsync(Wait);
        var error = await api.NextPostAsync(Wait);
        await api.WaitForNextPollsAsync(3, Wait);

        Assert.Equal(("response", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"), (response.Kind, response.RequestId));
        using (var body = JsonDocument.Parse(response.Body))
        {
            Assert.Equal([("1", "282"), ("2", "715")], body.RootElement.GetProperty("state").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
            Assert.Equal(0, body.RootElement.GetProperty("batchItemFailures").GetArrayLength());
        }

        Assert.Equal(("error", "req-not-json"), (error.Kind, error.RequestId));
        Assert.Equal("JsonException", error.Headers["lambda-runtime-function-error-type"]);
        using (var body = JsonDocument.Parse(error.Body))
        {
            Assert.Equal("JsonException", body.RootElement.GetProperty("errorType").GetString());
        }

        Assert.False(bootstrap.HasExited);
        Assert.Contains("invocation req-not-json failed", bootstrap.StandardError, StringComparison.Ordinal);
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

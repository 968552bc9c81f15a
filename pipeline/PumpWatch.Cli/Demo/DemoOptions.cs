using PumpWatch.Cli.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Demo;

/// <summary>Settings of the demo run, from the command line.</summary>
internal sealed record DemoOptions(
    int Pumps,
    TimeSpan Duration,
    TimeSpan WarmUp,
    double Speed,
    int Seed,
    double MalformedRate,
    string Database,
    string? ModelPath,
    string? SummaryJson,
    DateTimeOffset Start)
{
    /// <summary>Windows, alert policy and silence for the pipeline (the defaults, with the alert flags applied).</summary>
    public PipelineOptions Detection { get; init; } = PipelineOptions.Default;

    /// <summary>Where alerts go besides the console and the JSON lines file beside the store (<c>--alert-sink</c>).</summary>
    public AlertSinkSettings AlertSinks { get; init; } = AlertSinkSettings.None;
    /// <summary>Port of the live dashboard on 127.0.0.1 (0 = a free one); null serves none (--no-dashboard).</summary>
    public int? DashboardPort { get; init; }

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Database) ? "--db needs a file name"
        : Pumps is < 1 or > 10_000 ? $"--pumps {Pumps} must be 1..10000"
        : Duration <= TimeSpan.Zero ? $"--duration {Duration} must be positive"
        : Speed < 0 ? $"--speed {Speed} must be >= 0 (0 = as fast as possible)"
        : MalformedRate is < 0 or > 1 ? $"--malformed-rate {MalformedRate} must be 0..1"
        : ModelPath is null && WarmUp < TimeSpan.FromMinutes(10) ? $"--warmup {WarmUp} is too short to train on (at least 00:10:00)"
        : ModelPath is null && WarmUp >= Duration ? $"--warmup {WarmUp} must be shorter than --duration {Duration}"
        : null;
}

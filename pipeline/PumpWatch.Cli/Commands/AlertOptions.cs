using System.CommandLine;
using PumpWatch.Cli.Alerts;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// The alert flags, on the verbs that raise alerts (demo, backtest) and nowhere else: the policy's k of n, critical margin,
/// cooldown, resolve-after, and how long a pump may be silent; and where alerts go besides the verb's own outputs.
/// </summary>
internal sealed class AlertOptions
{
    private static readonly AlertPolicyOptions Defaults = AlertPolicyOptions.Default;

    public Option<int> K { get; } = new("--alert-k") { Description = $"Open an alert when k of the last n window scores exceed the threshold (default {Defaults.K})", DefaultValueFactory = _ => Defaults.K };
    public Option<int> N { get; } = new("--alert-n") { Description = $"... of the last n windows (default {Defaults.N})", DefaultValueFactory = _ => Defaults.N };
    public Option<double> CriticalMargin { get; } = new("--critical-margin") { Description = $"Critical when a score exceeds the threshold by this much (default {Defaults.CriticalMargin})", DefaultValueFactory = _ => Defaults.CriticalMargin };
    public Option<TimeSpan?> Cooldown { get; } = Durations.OptionalOption("--cooldown", "No new alert for a pump within this time of its last one unless severity escalates (default 30m)");
    public Option<int> ResolveAfter { get; } = new("--resolve-after") { Description = $"Resolve after this many consecutive normal windows (default {Defaults.ResolveAfter})", DefaultValueFactory = _ => Defaults.ResolveAfter };
    public Option<TimeSpan> SilentAfter { get; } = Durations.Option("--silent-after", "Report a pump silent (pump_silent) when the stream moves on this long without it; 0s turns it off", PipelineOptions.Default.PumpSilentAfter);

    public Option<string[]> Sinks { get; } = new("--alert-sink")
    {
        Description = $"Also send alerts to: {AlertSinkSpec.AcceptedForms}; repeatable. SNS takes AWS_REGION and credentials from the environment",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Site { get; } = new("--alert-site") { Description = "Site name sent with SNS alerts (message attribute 'site', for subscription filter policies)" };
    public Option<string?> AwsEndpoint { get; } = new("--aws-endpoint") { Description = "AWS endpoint URL for a local server, for every AWS service the verb calls: SNS sinks, a timestream:// input (overrides AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_TIMESTREAM_QUERY and AWS_ENDPOINT_URL)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { K, N, CriticalMargin, Cooldown, ResolveAfter, SilentAfter, Sinks, Site, AwsEndpoint })
        {
            command.Options.Add(option);
        }
    }

    public AlertPolicyOptions Policy(ParseResult parse)
    {
        var (k, n, margin, cooldown, resolve) = (parse.GetValue(K), parse.GetValue(N), parse.GetValue(CriticalMargin), parse.GetValue(Cooldown), parse.GetValue(ResolveAfter));
        var problem = n is < 1 or > 30 ? $"--alert-n {n} must be 1..30"
            : k < 1 || k > n ? $"--alert-k {k} must be 1..{n} (--alert-n)"
            : !(margin >= 0) ? $"--critical-margin {margin} must be >= 0"
            : cooldown < TimeSpan.Zero ? $"--cooldown {cooldown} must not be negative"
            : resolve < 1 ? $"--resolve-after {resolve} must be >= 1"
            : null;
        return problem is null ? new AlertPolicyOptions(k, n, margin, cooldown, resolve) : throw new UserError(problem);
    }

    public PipelineOptions Apply(ParseResult parse, PipelineOptions options)
    {
        var silent = parse.GetValue(SilentAfter);
        if (silent < TimeSpan.Zero)
        {
            throw new UserError($"--silent-after {silent} must not be negative");
        }

        return options with { Alerts = Policy(parse), PumpSilentAfter = silent };
    }

    /// <summary>The alert-delivery flags, each <c>--alert-sink</c> value checked: a bad one is one line naming it and the accepted forms.</summary>
    public AlertSinkSettings Delivery(ParseResult parse)
    {
        var specs = new List<AlertSinkSpec>();
        foreach (var text in parse.GetValue(Sinks) ?? [])
        {
            specs.Add(AlertSinkSpec.TryParse(text, out var spec) ? spec : throw new UserError($"--alert-sink '{text}' is not a sink: use {AlertSinkSpec.AcceptedForms}"));
        }

        var site = parse.GetValue(Site);
        if (site is not null && string.IsNullOrWhiteSpace(site))
        {
            throw new UserError("--alert-site needs a name");
        }

        return new AlertSinkSettings(specs, site, parse.GetValue(AwsEndpoint));
    }
}

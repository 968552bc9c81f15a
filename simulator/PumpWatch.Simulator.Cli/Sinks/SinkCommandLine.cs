using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Amazon.Runtime;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// The command's <c>--sink</c> options (JSON lines, Kinesis, MQTT), their checks as parse errors (one line, exit 2, before
/// anything is written), and opening the chosen sink. The AWS credential and region lookups come from the composition root.
/// </summary>
internal sealed class SinkCommandLine(Func<AWSCredentials> credentials, Func<string?> configuredRegion)
{
    private const string Jsonl = "jsonl";
    private const string Kinesis = "kinesis";
    private const string Mqtt = "mqtt";

    private readonly Option<string> _sink = new("--sink")
    {
        Description = "Where messages go: jsonl (--output or standard output), kinesis (PutRecords to --stream, pump_id as partition key), "
            + "mqtt (QoS 1 to --topic on --host over TLS with --cert/--key/--ca, as a device to AWS IoT Core)",
        DefaultValueFactory = _ => Jsonl,
        CustomParser = r => Checked(r, text => text is Jsonl or Kinesis or Mqtt, $"must be {Jsonl}, {Kinesis} or {Mqtt}", text => text),
    };

    private readonly Option<string?> _stream = new("--stream")
    {
        Description = "Kinesis: the stream's name",
        CustomParser = r => Checked(r, KinesisSinkSettings.IsStreamName, "is not a Kinesis stream name (1-128 letters, digits, '_', '.', '-')", text => text),
    };

    private readonly Option<Uri?> _endpoint = new("--endpoint")
    {
        Description = "Kinesis: endpoint override for a local server, e.g. http://127.0.0.1:4567 (kinesalite); default the region's endpoint",
        CustomParser = r => Checked<Uri?>(r, text => Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps), "is not an http:// or https:// URL", text => new Uri(text)),
    };

    private readonly Option<string?> _region = new("--region") { Description = "Kinesis: AWS region (default: AWS_REGION or the profile's; us-east-1 with --endpoint)" };
    private readonly Option<string?> _host = new("--host") { Description = "MQTT: the broker, e.g. your AWS IoT device data endpoint xxxxxxxx-ats.iot.<region>.amazonaws.com" };
    private readonly Option<int> _port = new("--port")
    {
        Description = "MQTT: port (8883: MQTT with a device certificate on AWS IoT Core)",
        DefaultValueFactory = _ => MqttSinkSettings.DefaultPort,
        CustomParser = r => Checked(r, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535, "must be a port number 1..65535", text => int.Parse(text, CultureInfo.InvariantCulture)),
    };

    private readonly Option<string?> _cert = new("--cert") { Description = "MQTT: the device certificate (PEM)" };
    private readonly Option<string?> _key = new("--key") { Description = "MQTT: the device's private key (PEM)" };
    private readonly Option<string?> _ca = new("--ca") { Description = "MQTT: the CA certificate(s) that sign the broker's certificate (PEM), e.g. AmazonRootCA1.pem" };
    private readonly Option<string> _topic = new("--topic")
    {
        Description = "MQTT: topic (the default is the tutorial's)",
        DefaultValueFactory = _ => MqttSinkSettings.DefaultTopic,
        CustomParser = r => Checked(r, MqttSinkSettings.IsPublishTopic, "is not a topic to publish to (not empty, no wildcards + or #)", text => text),
    };

    private readonly Option<string> _clientId = new("--client-id")
    {
        Description = "MQTT: client id; AWS IoT Core drops an older connection with the same id",
        DefaultValueFactory = _ => MqttSinkSettings.DefaultClientId,
        CustomParser = r => Checked(r, text => text.Length > 0, "must not be empty", text => text),
    };

    private readonly Option<double> _maxRate = new("--max-rate")
    {
        Description = "MQTT: messages per second at most, 0 = no cap (100 is AWS IoT Core's limit per connection)",
        DefaultValueFactory = _ => MqttSinkSettings.DefaultMaxRate,
        CustomParser = r => Checked(r, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && double.IsFinite(rate), "must be a number >= 0", text => double.Parse(text, CultureInfo.InvariantCulture)),
    };

    /// <summary>Adds the options and their checks to <paramref name="command"/>.</summary>
    public void AddTo(Command command, Option<FileInfo?> output)
    {
        foreach (var option in new Option[] { _sink, _stream, _endpoint, _region, _host, _port, _cert, _key, _ca, _topic, _clientId, _maxRate })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (Problem(result, output) is { } problem)
            {
                result.AddError(problem);
            }
        });
    }

    /// <summary>Opens the sink the options name: a JSON lines writer, a checked Kinesis stream or a connected MQTT client.</summary>
    /// <param name="parse">The parsed command line (already checked).</param>
    /// <param name="output">The JSON lines file, or null for <paramref name="standardOutput"/>.</param>
    /// <param name="seed">The simulator's seed, reused for the retries' jitter so that a run is repeatable.</param>
    /// <param name="time">Clock for signing, backoff, pacing the MQTT rate and the rates printed.</param>
    /// <param name="standardOutput">Where JSON lines go without --output.</param>
    /// <param name="log">Where progress and closing lines go (standard error).</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<IReadingSink> OpenAsync(ParseResult parse, FileInfo? output, int seed, TimeProvider time, TextWriter standardOutput, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        switch (parse.GetValue(_sink))
        {
            case Kinesis:
                var endpoint = parse.GetValue(_endpoint);
                var region = parse.GetValue(_region) ?? configuredRegion() ?? (endpoint is null ? null : "us-east-1");
                if (region is null)
                {
                    throw new SinkFailedException("no AWS region: pass --region or set AWS_REGION");
                }

                var settings = new KinesisSinkSettings(parse.GetValue(_stream)!, region, endpoint);
                return await KinesisSink.OpenAsync(settings, ResolveCredentials(), new Random(seed), time, log, cancellationToken).ConfigureAwait(false);
            case Mqtt:
                var mqtt = new MqttSinkSettings(
                    parse.GetValue(_host)!, parse.GetValue(_port), parse.GetValue(_cert)!, parse.GetValue(_key)!, parse.GetValue(_ca)!,
                    parse.GetValue(_topic)!, parse.GetValue(_clientId)!, parse.GetValue(_maxRate));
                return await MqttSink.ConnectAsync(mqtt, time, log, cancellationToken).ConfigureAwait(false);
            default:
                return output is null ? new JsonLinesSink(standardOutput, ownsWriter: false) : new JsonLinesSink(new StreamWriter(output.FullName), ownsWriter: true);
        }
    }

    private AWSCredentials ResolveCredentials()
    {
        try
        {
            return credentials();
        }
        catch (AmazonClientException e)
        {
            throw new SinkFailedException(
                "no AWS credentials found (environment, profile, SSO, container or instance role); for a local server such as kinesalite set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to any value", e);
        }
    }

    /// <summary>
    /// Which options go with which sink. Runs while parsing, before defaults are filled in, so it looks only at what was
    /// typed; each option's own value was checked by its parser.
    /// </summary>
    private string? Problem(CommandResult result, Option<FileInfo?> output)
    {
        var sink = result.GetResult(_sink) is { Tokens: [var token, ..] } ? token.Value : Jsonl;
        Option[] kinesisOnly = [_stream, _endpoint, _region];
        Option[] mqttOnly = [_host, _port, _cert, _key, _ca, _topic, _clientId, _maxRate];
        var foreign = sink switch
        {
            Kinesis => mqttOnly.Append(output),
            Mqtt => kinesisOnly.Append(output),
            Jsonl => kinesisOnly.Concat(mqttOnly),
            _ => [], // not a sink: its parser says so
        };
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };
        if (foreign.FirstOrDefault(Given) is { } misplaced)
        {
            return misplaced == output
                ? $"{output.Name} writes JSON lines; with --sink {sink} the messages go to the {(sink == Kinesis ? "stream" : "broker")}"
                : $"{misplaced.Name} needs --sink {(kinesisOnly.Contains(misplaced) ? Kinesis : Mqtt)}";
        }

        var missing = sink switch
        {
            Kinesis => new[] { _stream }.FirstOrDefault(o => !Given(o)),
            Mqtt => new[] { _host, _cert, _key, _ca }.FirstOrDefault(o => !Given(o)),
            _ => null,
        };
        return missing is null ? null : $"--sink {sink} needs {missing.Name}";
    }

    /// <summary>A value that must pass <paramref name="valid"/>, or one parse error naming the option and the text.</summary>
    private static T Checked<T>(ArgumentResult result, Func<string, bool> valid, string problem, Func<string, T> convert)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (valid(text))
        {
            return convert(text);
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : "value";
        result.AddError($"{name} '{text}' {problem}");
        return default!;
    }
}

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// Where <c>--sink mqtt</c> publishes: an MQTT broker over TLS with a client certificate (AWS IoT Core's device data
/// endpoint on 8883), the PEM files, the topic, the client id and the publish rate cap (<see cref="MaxRate"/> messages per
/// second, 0 for none).
/// </summary>
internal sealed record MqttSinkSettings(string Host, int Port, string CertFile, string KeyFile, string CaFile, string Topic, string ClientId, double MaxRate)
{
    /// <summary>The device data endpoint's MQTT port with X.509 client certificates (port 443 needs ALPN instead).</summary>
    public const int DefaultPort = 8883;

    /// <summary>The tutorial's topic (seed/oil-pump-tutorial.txt), which its IoT rule selects from.</summary>
    public const string DefaultTopic = "oil_pump/sensors";

    public const string DefaultClientId = "pumpwatch-sim";

    /// <summary>
    /// AWS IoT Core takes at most 100 publish requests per second per connection, not adjustable (AWS General Reference,
    /// "AWS IoT Core endpoints and quotas", message broker limits).
    /// </summary>
    public const double DefaultMaxRate = 100;

    /// <summary>Whether one may publish to <paramref name="topic"/>: MQTT forbids empty names, wildcards and NUL in a topic name (MQTT 5.0, 4.7).</summary>
    public static bool IsPublishTopic(string topic) => topic.Length > 0 && topic.AsSpan().IndexOfAny("+#\0") < 0;
}

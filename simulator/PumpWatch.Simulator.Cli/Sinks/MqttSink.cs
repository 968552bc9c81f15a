using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// <c>--sink mqtt</c>: publishes each message to one topic with QoS 1 (at least once) over MQTT 5 on TLS 1.2 with a client
/// certificate, as a device does to AWS IoT Core. A message counts as delivered when its PUBACK arrives; up to
/// <see cref="InFlight"/> wait for theirs at once, so a distant broker's round trip does not set the rate, and the
/// rate is capped at <see cref="MqttSinkSettings.MaxRate"/>.
/// </summary>
internal sealed class MqttSink : IReadingSink
{
    /// <summary>
    /// Publishes awaiting their PUBACK at once. One at a time would cap a device 50 ms from the broker at 20 messages/s,
    /// below the broker's 100; MQTTnet sends in call order, so the topic keeps the simulator's order.
    /// </summary>
    internal const int InFlight = 16;

    private const string Acknowledged = ", QoS 1, each acknowledged";

    private readonly IMqttClient _client;
    private readonly MqttSinkSettings _settings;
    private readonly DeviceCertificates _certificates;
    private readonly TimeProvider _time;
    private readonly SinkThroughput _throughput;
    private readonly Queue<Task<MqttClientPublishResult>> _unacknowledged = new(InFlight);
    private long _started;
    private long _published;

    // What the TLS layer said of the broker's certificate; null until the handshake got that far. It tells a refused
    // connection, a broker the CAs do not vouch for and a broker that refused the device apart.
    private SslPolicyErrors? _brokerCertificateErrors;

    private MqttSink(IMqttClient client, MqttSinkSettings settings, DeviceCertificates certificates, TimeProvider time, TextWriter log)
    {
        _client = client;
        _settings = settings;
        _certificates = certificates;
        _time = time;
        _throughput = new SinkThroughput($"mqtt {settings.Host}:{settings.Port.ToString(CultureInfo.InvariantCulture)} topic '{settings.Topic}'", "messages", time, log);
    }

    private string Broker => string.Create(CultureInfo.InvariantCulture, $"{_settings.Host}:{_settings.Port}");

    /// <summary>Loads the PEM files and connects; each failure is one line naming the file or the broker.</summary>
    public static async Task<MqttSink> ConnectAsync(MqttSinkSettings settings, TimeProvider time, TextWriter log, CancellationToken cancellationToken)
    {
        var certificates = DeviceCertificates.Load(settings.CertFile, settings.KeyFile, settings.CaFile);
        var client = new MqttClientFactory().CreateMqttClient();
        var sink = new MqttSink(client, settings, certificates, time, log);
        try
        {
            await sink.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask WriteAsync(SimulatedRecord record, CancellationToken cancellationToken)
    {
        if (_published == 0)
        {
            _throughput.Start();
            _started = _time.GetTimestamp();
        }

        if (_unacknowledged.Count == InFlight)
        {
            await AcknowledgedAsync(_unacknowledged.Dequeue()).ConfigureAwait(false);
        }

        await KeepToRateAsync(cancellationToken).ConfigureAwait(false);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_settings.Topic)
            .WithPayload(Encoding.UTF8.GetBytes(record.ToLine()))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        _unacknowledged.Enqueue(_client.PublishAsync(message, cancellationToken));
        _published++;
        await _throughput.ReportIfDueAsync(Acknowledged).ConfigureAwait(false);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        while (_unacknowledged.Count > 0)
        {
            await AcknowledgedAsync(_unacknowledged.Dequeue()).ConfigureAwait(false);
        }

        await _throughput.ReportIfDueAsync(Acknowledged).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        await _throughput.ReportFinalAsync(Acknowledged).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _certificates.Client.Dispose();
        foreach (var authority in _certificates.Authorities)
        {
            authority.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls()
            // AWS IoT Core takes TLS 1.2 and 1.3 on 8883; 1.2 is the version every device stack and broker here share.
            .WithSslProtocols(SslProtocols.Tls12)
            .WithClientCertificates(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(_certificates.Client))
            // Only the given CAs are trusted for the broker (MQTTnet builds the chain with CustomRootTrust), and its name must match --host.
            .WithTrustChain(_certificates.Authorities)
            .WithTargetHost(_settings.Host)
            .WithCertificateValidationHandler(e =>
            {
                _brokerCertificateErrors = e.SslPolicyErrors;
                return e.SslPolicyErrors == SslPolicyErrors.None;
            })
            .Build();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId(_settings.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls)
            .Build();
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw new SinkFailedException(ConnectFailure(e), e);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new SinkFailedException($"{Broker} refused the MQTT connection of client id '{_settings.ClientId}': {result.ResultCode} {result.ReasonString}");
        }
    }

    /// <summary>One line for a failed connect, by how far it got: TCP, the broker's certificate, or the broker's verdict on the device.</summary>
    private string ConnectFailure(Exception e) => _brokerCertificateErrors switch
    {
        null => $"cannot connect to {Broker}: {Reason(e)}",
        SslPolicyErrors.None =>
            $"{Broker} closed the connection before accepting the device ({Reason(e)}): it did not take the certificate in --cert {_settings.CertFile}"
            + $" (AWS IoT Core: is it registered, ACTIVE, and attached to a policy that allows iot:Connect for client id '{_settings.ClientId}'?)",
        var errors when errors.Value.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) =>
            $"the certificate of {Broker} is not for host '{_settings.Host}' (use the name it was issued for, e.g. the device data endpoint)",
        _ => $"the certificate of {Broker} does not chain to a CA in --ca {_settings.CaFile} ({_brokerCertificateErrors})",
    };

    private async Task AcknowledgedAsync(Task<MqttClientPublishResult> publish)
    {
        MqttClientPublishResult result;
        try
        {
            result = await publish.ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            // AWS IoT Core closes an MQTT connection whose certificate's policy does not allow iot:Publish on the topic.
            throw new SinkFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the connection to {Broker} broke after {_throughput.Delivered} acknowledged messages ({Reason(e)}); does the certificate's policy allow iot:Publish on '{_settings.Topic}'?"), e);
        }

        if (!result.IsSuccess)
        {
            throw new SinkFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{Broker} refused a message on '{_settings.Topic}' after {_throughput.Delivered} acknowledged: {result.ReasonCode} {result.ReasonString}"));
        }

        _throughput.Add(1);
    }

    private async Task KeepToRateAsync(CancellationToken cancellationToken)
    {
        if (_settings.MaxRate <= 0)
        {
            return;
        }

        // Message n may leave n / rate seconds after the first: a steady cap with no burst beyond it.
        var due = TimeSpan.FromSeconds(_published / _settings.MaxRate);
        var ahead = due - _time.GetElapsedTime(_started);
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is MqttCommunicationException or SocketException or AuthenticationException or IOException or MqttClientNotConnectedException or MqttClientDisconnectedException;

    /// <summary>The innermost message: the socket's or TLS layer's own words ("Connection refused", "Broken pipe", the TLS alert).</summary>
    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Length == 0 ? e.Message : inner.Message.TrimEnd('.');
    }
}

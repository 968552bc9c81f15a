using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace PumpWatch.Simulator.Cli.Tests.Mqtt;

/// <summary>
/// An in-process MQTTnet broker for one test: TLS 1.2 only, on 127.0.0.1 and a port the system picks, the test PKI's
/// server certificate, and a device certificate required and checked against the test CA. It keeps every publish it
/// takes in and can answer chosen ones with a refusing PUBACK. Dispose stops it.
/// </summary>
internal sealed class TlsMqttBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly long _started = TimeProvider.System.GetTimestamp();
    private int _count;

    private TlsMqttBroker(MqttServer server) => _server = server;

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    /// <param name="pki">Server certificate and the CA devices must chain to.</param>
    /// <param name="refuse">Which publishes (0-based, in arrival order) get a NotAuthorized PUBACK instead of being taken in.</param>
    public static async Task<TlsMqttBroker> StartAsync(TestPki pki, Func<int, bool>? refuse = null)
    {
        var options = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
            .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
            .WithEncryptedEndpointPort(0)
            .WithEncryptionCertificate(pki.ServerCertificate)
            .WithEncryptionSslProtocol(SslProtocols.Tls12)
            .WithClientCertificate((_, certificate, _, _) => pki.IsDevice(certificate), checkCertificateRevocation: false)
            .Build();
        var broker = new TlsMqttBroker(new MqttServerFactory().CreateMqttServer(options));
        broker._server.InterceptingPublishAsync += e =>
        {
            var n = Interlocked.Increment(ref broker._count) - 1;
            if (refuse?.Invoke(n) == true)
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
                e.Response.ReasonString = "test broker refuses this one";
                return Task.CompletedTask;
            }

            var message = e.ApplicationMessage;
            broker.Received.Enqueue(new ReceivedMessage(e.ClientId, message.Topic, message.QualityOfServiceLevel, message.Payload.ToArray(), TimeProvider.System.GetElapsedTime(broker._started)));
            return Task.CompletedTask;
        };
        await broker._server.StartAsync();
        // Port 0 asks the system for a free port; MQTTnet writes the one it bound back into the options.
        broker.Port = options.TlsEndpointOptions.Port;
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}

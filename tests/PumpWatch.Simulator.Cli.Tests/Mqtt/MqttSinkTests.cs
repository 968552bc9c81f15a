using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MQTTnet.Protocol;

namespace PumpWatch.Simulator.Cli.Tests.Mqtt;

/// <summary>
/// <c>pumpwatch-sim --sink mqtt</c> against an in-process MQTTnet broker with TLS and device certificates from a test CA:
/// what arrives, with which QoS, and the one line each wrong certificate, file or broker gives.
/// </summary>
public sealed class MqttSinkTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private string[] Device(int port, string? cert = null, string? key = null, string? ca = null) =>
    [
        "--sink", "mqtt", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--cert", cert ?? _pki.DeviceCertFile, "--key", key ?? _pki.DeviceKeyFile, "--ca", ca ?? _pki.CaFile,
    ];

    [Fact]
    public async Task Every_message_arrives_on_the_tutorial_topic_with_QoS_1_byte_for_byte_in_order()
    {
        await using var broker = await TlsMqttBroker.StartAsync(_pki);
        // 3 pumps x 40 s at 1 Hz = 120 messages, 5% malformed.
        var simulation = new ExpectedRecords(Pumps: 3, Duration: TimeSpan.FromSeconds(40), Seed: 5, MalformedRate: 0.05);

        var run = await SimulatorRun.RunAsync([.. simulation.Arguments, .. Device(broker.Port), "--client-id", "pump-sim-7", "--max-rate", "0"]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var received = broker.Received.ToArray();
        var expected = simulation.Records();
        Assert.Equal(120, expected.Count);
        Assert.Contains(expected, r => r.Malformed);
        Assert.Equal(expected.Select(r => Encoding.UTF8.GetBytes(r.Line)), received.Select(m => m.Payload));
        Assert.All(received, m =>
        {
            Assert.Equal("oil_pump/sensors", m.Topic);
            Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfService);
            Assert.Equal("pump-sim-7", m.ClientId);
        });
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"pumpwatch-sim: mqtt 127.0.0.1:{broker.Port} topic 'oil_pump/sensors': 120 messages in ", StringComparison.Ordinal)
            && l.EndsWith(", QoS 1, each acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_certificate_from_another_CA_is_refused_with_one_line_and_exit_code_1()
    {
        await using var broker = await TlsMqttBroker.StartAsync(_pki);

        var run = await SimulatorRun.RunAsync([.. Device(broker.Port, cert: _pki.StrangerCertFile, key: _pki.StrangerKeyFile), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"pumpwatch-sim: 127.0.0.1:{broker.Port} closed the connection before accepting the device (", line, StringComparison.Ordinal);
        Assert.Contains($"it did not take the certificate in --cert {_pki.StrangerCertFile} ", line, StringComparison.Ordinal);
        Assert.Empty(broker.Received);
    }

    [Fact]
    public async Task A_broker_whose_certificate_the_given_CA_did_not_sign_is_refused_with_one_line()
    {
        await using var broker = await TlsMqttBroker.StartAsync(_pki);

        var run = await SimulatorRun.RunAsync([.. Device(broker.Port, ca: _pki.StrangerCaFile), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"pumpwatch-sim: the certificate of 127.0.0.1:{broker.Port} does not chain to a CA in --ca {_pki.StrangerCaFile} (RemoteCertificateChainErrors)", line);
        Assert.Empty(broker.Received);
    }

    [Fact]
    public async Task A_broker_reached_by_a_name_its_certificate_does_not_carry_is_refused_with_one_line()
    {
        await using var broker = await TlsMqttBroker.StartAsync(_pki);
        var arguments = Device(broker.Port);
        arguments[Array.IndexOf(arguments, "127.0.0.1")] = "localhost";

        var run = await SimulatorRun.RunAsync([.. arguments, "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pumpwatch-sim: the certificate of localhost:{broker.Port} is not for host 'localhost'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(broker.Received);
    }

    [Fact]
    public async Task A_refusing_PUBACK_stops_the_run_with_one_line_after_the_messages_acknowledged_before_it()
    {
        // The 11th publish is answered NotAuthorized: the sink reads every PUBACK, in order, so 10 were acknowledged first.
        await using var broker = await TlsMqttBroker.StartAsync(_pki, refuse: n => n == 10);

        var run = await SimulatorRun.RunAsync([.. Device(broker.Port), "--pumps", "2", "--duration", "60s", "--max-rate", "0"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"pumpwatch-sim: 127.0.0.1:{broker.Port} refused a message on 'oil_pump/sensors' after 10 acknowledged: NotAuthorized test broker refuses this one",
            run.ErrorLines[^1]);
        Assert.Equal(10, broker.Received.Take(10).Count());
    }

    [Fact]
    public async Task A_missing_certificate_file_is_named_in_one_line()
    {
        var missing = Path.Combine(_pki.Folder, "no-such.pem.crt");

        var run = await SimulatorRun.RunAsync([.. Device(ClosedPort(), cert: missing), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pumpwatch-sim: --cert {missing}: no such file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_certificate_file_without_a_certificate_is_named_in_one_line()
    {
        var run = await SimulatorRun.RunAsync([.. Device(ClosedPort(), cert: _pki.DeviceKeyFile), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pumpwatch-sim: --cert {_pki.DeviceKeyFile} holds no PEM certificate", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_is_named_in_one_line()
    {
        var run = await SimulatorRun.RunAsync([.. Device(ClosedPort(), key: _pki.UnrelatedRsaKeyFile), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pumpwatch-sim: --key {_pki.UnrelatedRsaKeyFile} does not match the certificate in --cert {_pki.DeviceCertFile}", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_key_of_the_wrong_kind_is_named_in_one_line()
    {
        var run = await SimulatorRun.RunAsync([.. Device(ClosedPort(), key: _pki.StrangerKeyFile), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pumpwatch-sim: --key {_pki.StrangerKeyFile} holds no usable RSA private key for the RSA certificate in --cert {_pki.DeviceCertFile}", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_names_the_broker_in_one_line()
    {
        var port = ClosedPort();

        var run = await SimulatorRun.RunAsync([.. Device(port), "--duration", "10s"]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"pumpwatch-sim: cannot connect to 127.0.0.1:{port}: Connection refused", line);
    }

    /// <summary>A port that was free a moment ago: bound, read and released, so a connection to it is refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

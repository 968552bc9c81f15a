using MQTTnet.Protocol;

namespace PumpWatch.Simulator.Cli.Tests.Mqtt;

/// <summary>A publish as the test broker took it in: who sent it, where, with which QoS, the payload and when it arrived.</summary>
internal sealed record ReceivedMessage(string ClientId, string Topic, MqttQualityOfServiceLevel QualityOfService, byte[] Payload, TimeSpan ArrivedAfterStart);

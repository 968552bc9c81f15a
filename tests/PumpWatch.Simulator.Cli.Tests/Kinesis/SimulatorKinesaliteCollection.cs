using PumpWatch.Aws.Tests.Kinesalite;

namespace PumpWatch.Simulator.Cli.Tests.Kinesis;

/// <summary>One kinesalite for the simulator's Kinesis tests: PumpWatch.Aws.Tests' fixture, which starts and stops it.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorKinesaliteCollection : ICollectionFixture<KinesaliteServer>
{
    public const string Name = "simulator-kinesalite";
}

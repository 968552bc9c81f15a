using PumpWatch.Aws.Tests.Kinesalite;

namespace PumpWatch.Cli.Tests.Consume;

/// <summary>One kinesalite for the consume tests: PumpWatch.Aws.Tests' fixture, which starts it on 127.0.0.1 and stops it.</summary>
[CollectionDefinition(Name)]
public sealed class ConsumeKinesaliteCollection : ICollectionFixture<KinesaliteServer>
{
    public const string Name = "consume-kinesalite";
}

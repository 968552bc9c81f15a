namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>One kinesalite process for every test class in the collection; tests use their own stream names.</summary>
[CollectionDefinition(Name)]
public sealed class KinesaliteCollection : ICollectionFixture<KinesaliteServer>
{
    public const string Name = "kinesalite";
}

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>One dynalite process for every test class in the collection; tests use their own tables.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteServer>
{
    public const string Name = "dynalite";
}

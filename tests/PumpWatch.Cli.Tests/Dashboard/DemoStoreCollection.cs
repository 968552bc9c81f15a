namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>The dashboard tests that read <see cref="DemoStore"/>: they share one run and take turns.</summary>
[CollectionDefinition(Name)]
public sealed class DemoStoreCollection : ICollectionFixture<DemoStore>
{
    public const string Name = "demo store";
}

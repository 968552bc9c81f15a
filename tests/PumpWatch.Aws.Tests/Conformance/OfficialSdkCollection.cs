namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>One Node process with the official JavaScript SDK for every conformance test class; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OfficialSdkCollection : ICollectionFixture<OfficialSdk>
{
    public const string Name = "official-sdk";
}

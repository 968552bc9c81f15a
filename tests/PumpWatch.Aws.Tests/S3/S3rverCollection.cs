namespace PumpWatch.Aws.Tests.S3;

/// <summary>One s3rver process for every test class in the collection; tests use their own buckets.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverServer>
{
    public const string Name = "s3rver";
}

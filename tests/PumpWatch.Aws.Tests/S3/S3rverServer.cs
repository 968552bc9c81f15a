using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.S3;

/// <summary>s3rver (npm) on 127.0.0.1, keeping objects in a temporary folder that Dispose deletes (servers/s3rver.js).</summary>
public sealed class S3rverServer() : NodeServer("s3rver", "s3rver.js")
{
    /// <summary>s3rver accepts only its built-in access key (it does not check SigV4 signatures themselves).</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret of <see cref="AccessKey"/>.</summary>
    public const string SecretKey = "S3RVER";

    private readonly string _directory = Directory.CreateTempSubdirectory("pumpwatch-s3rver-").FullName;

    protected override IEnumerable<string> Arguments => [_directory];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

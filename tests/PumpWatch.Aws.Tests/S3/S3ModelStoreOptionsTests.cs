using PumpWatch.Aws.S3;

namespace PumpWatch.Aws.Tests.S3;

/// <summary>Bucket and prefix settings, checked against the S3 User Guide's bucket naming rules and key length.</summary>
public sealed class S3ModelStoreOptionsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("pumpwatch-models.eu-1")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890ab")] // 63 characters
    public void Valid_bucket_names_pass(string bucket) => Assert.Null(new S3ModelStoreOptions(bucket).Problem());

    [Theory]
    [InlineData("ab")] // shorter than 3
    [InlineData("0123456789012345678901234567890123456789012345678901234567890abc")] // 64 characters
    [InlineData("PumpWatch")] // upper case
    [InlineData("-models")] // must start with a letter or digit
    [InlineData("models.")] // must end with a letter or digit
    [InlineData("my_models")] // underscore
    public void Invalid_bucket_names_are_one_line_naming_the_bucket(string bucket)
    {
        var problem = new S3ModelStoreOptions(bucket).Problem();

        Assert.StartsWith($"model store bucket '{bucket}' is not a valid S3 bucket name", problem, StringComparison.Ordinal);
        using var s3 = Clients.S3(new Uri("http://127.0.0.1:1/"));
        var error = Assert.Throws<ArgumentException>(() => new S3ModelStore(s3, new S3ModelStoreOptions(bucket)));
        Assert.StartsWith(problem!, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("pumpwatch", "pumpwatch/")]
    [InlineData("site/a/", "site/a/")]
    public void The_prefix_ends_in_one_slash_unless_empty(string prefix, string keyPrefix) =>
        Assert.Equal(keyPrefix, new S3ModelStoreOptions("models", prefix).KeyPrefix);

    [Fact]
    public void A_prefix_with_a_leading_slash_is_refused() =>
        Assert.Equal("model store prefix '/models' must not start with '/' (S3 keys have no leading slash)", new S3ModelStoreOptions("models", "/models").Problem());

    [Fact]
    public void A_prefix_leaving_no_room_for_the_layout_within_1024_bytes_is_refused()
    {
        Assert.Null(new S3ModelStoreOptions("models", new string('p', 948)).Problem()); // 948 + "models/<64>.json" (76) = 1024
        Assert.NotNull(new S3ModelStoreOptions("models", new string('p', 949)).Problem());
    }
}

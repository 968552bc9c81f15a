using System.Text;
using PumpWatch.Core.Storage;

namespace PumpWatch.Core.Tests.Storage;

/// <summary>The shared model-store layout's pointer and content-hash rules (the stores' contract covers the rest).</summary>
public sealed class ModelStoreLayoutTests
{
    // SHA-256 of the empty string (FIPS 180-2 test vector, also `sha256sum < /dev/null`).
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void HashOf_is_lowercase_hex_SHA256() => Assert.Equal(EmptySha256, ModelStoreLayout.HashOf([]));

    [Theory]
    [InlineData("models/" + EmptySha256 + ".json\n")]
    [InlineData("  models/" + EmptySha256 + ".json\r\n")] // a hand-written pointer
    [InlineData("models/" + EmptySha256 + ".json")]
    public void A_pointer_naming_a_model_key_gives_its_hash(string content)
    {
        Assert.Equal(EmptySha256, ModelStoreLayout.ParsePointer(Encoding.UTF8.GetBytes(content), out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("models/E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855.json")] // the stores write lowercase
    [InlineData("models/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85.json")] // 63 digits
    [InlineData("other/" + EmptySha256 + ".json")]
    [InlineData("models/" + EmptySha256 + ".json\nmodels/" + EmptySha256 + ".json")] // two lines
    [InlineData("")]
    public void Anything_else_is_refused_quoting_it(string content)
    {
        Assert.Null(ModelStoreLayout.ParsePointer(Encoding.UTF8.GetBytes(content), out var problem));
        Assert.StartsWith("the pointer does not name a model key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pointer_that_is_not_UTF8_is_refused_as_such()
    {
        Assert.Null(ModelStoreLayout.ParsePointer([0xff, 0xfe, 0x00], out var problem));
        Assert.Equal("the pointer is not UTF-8 text", problem);
    }

    [Fact]
    public void The_key_of_a_hash_is_below_models() => Assert.Equal($"models/{EmptySha256}.json", ModelStoreLayout.KeyFor(EmptySha256));
}

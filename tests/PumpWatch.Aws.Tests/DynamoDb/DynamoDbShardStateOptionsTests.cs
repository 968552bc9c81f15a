using PumpWatch.Aws.DynamoDb;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The shard-state table setting, checked against the DynamoDB Developer Guide's table naming rules.</summary>
public sealed class DynamoDbShardStateOptionsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("PumpWatch_shard-state.v1")]
    public void Valid_table_names_pass(string table) => Assert.Null(new DynamoDbShardStateOptions(table).Problem());

    [Theory]
    [InlineData("ab")]
    [InlineData("shard state")]
    [InlineData("shard/state")]
    [InlineData("zustände")]
    public void Invalid_table_names_are_one_line_naming_the_table(string table) =>
        Assert.Equal($"shard state table '{table}' is not a valid DynamoDB table name (3-255 letters, digits, '_', '-' and '.')", new DynamoDbShardStateOptions(table).Problem());

    [Fact]
    public void Table_names_may_have_255_characters_not_256()
    {
        Assert.Null(new DynamoDbShardStateOptions(new string('t', 255)).Problem());
        Assert.NotNull(new DynamoDbShardStateOptions(new string('t', 256)).Problem());
    }
}

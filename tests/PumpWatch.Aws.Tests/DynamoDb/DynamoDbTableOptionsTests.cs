using PumpWatch.Aws.DynamoDb;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The alert-state and shard-state table settings, checked against the DynamoDB Developer Guide's table naming rules.</summary>
public sealed class DynamoDbTableOptionsTests
{
    /// <summary>The problem of <paramref name="table"/> as the setting of <paramref name="kind"/> ("alert" or "shard").</summary>
    private static string? Problem(string kind, string table) =>
        kind == "alert" ? new DynamoDbAlertStateOptions(table).Problem() : new DynamoDbShardStateOptions(table).Problem();

    [Theory]
    [InlineData("alert", "abc")]
    [InlineData("alert", "PumpWatch_alert-state.v1")]
    [InlineData("shard", "abc")]
    [InlineData("shard", "PumpWatch_shard-state.v1")]
    public void Valid_table_names_pass(string kind, string table) => Assert.Null(Problem(kind, table));

    [Theory]
    [InlineData("alert", "ab")]
    [InlineData("alert", "alert state")]
    [InlineData("alert", "alert/state")]
    [InlineData("shard", "ab")]
    [InlineData("shard", "shard state")]
    [InlineData("shard", "zustände")]
    public void Invalid_table_names_are_one_line_naming_the_setting_and_table(string kind, string table) =>
        Assert.Equal($"{kind} state table '{table}' is not a valid DynamoDB table name (3-255 letters, digits, '_', '-' and '.')", Problem(kind, table));

    [Theory]
    [InlineData("alert")]
    [InlineData("shard")]
    public void Table_names_may_have_255_characters_not_256(string kind)
    {
        Assert.Null(Problem(kind, new string('t', 255)));
        Assert.NotNull(Problem(kind, new string('t', 256)));
    }
}

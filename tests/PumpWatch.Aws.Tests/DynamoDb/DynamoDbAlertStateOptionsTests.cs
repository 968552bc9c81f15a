using PumpWatch.Aws.DynamoDb;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The table setting, checked against the DynamoDB Developer Guide's table naming rules.</summary>
public sealed class DynamoDbAlertStateOptionsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("PumpWatch_alert-state.v1")]
    public void Valid_table_names_pass(string table) => Assert.Null(new DynamoDbAlertStateOptions(table).Problem());

    [Theory]
    [InlineData("ab")]
    [InlineData("alert state")]
    [InlineData("alert/state")]
    public void Invalid_table_names_are_one_line_naming_the_table(string table) =>
        Assert.Equal($"alert state table '{table}' is not a valid DynamoDB table name (3-255 letters, digits, '_', '-' and '.')", new DynamoDbAlertStateOptions(table).Problem());

    [Fact]
    public void Table_names_may_have_255_characters_not_256()
    {
        Assert.Null(new DynamoDbAlertStateOptions(new string('t', 255)).Problem());
        Assert.NotNull(new DynamoDbAlertStateOptions(new string('t', 256)).Problem());
    }
}

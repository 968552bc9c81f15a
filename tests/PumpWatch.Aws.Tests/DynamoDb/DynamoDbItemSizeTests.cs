using Amazon.DynamoDBv2.Model;
using PumpWatch.Aws.DynamoDb;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>
/// Item sizes by hand from the Amazon DynamoDB Developer Guide ("DynamoDB item sizes and formats"): names and strings
/// count their UTF-8 bytes, a number 1 byte plus 1 per two significant digits, a map 3 bytes plus 1 per element. The
/// digit pairs are aligned to the decimal point as dynalite counts them (its db/index.js valSize), so 120 is "1|20".
/// </summary>
public sealed class DynamoDbItemSizeTests
{
    [Theory]
    [InlineData("0", 1)]
    [InlineData("7", 2)] // 1 + one pair "07"
    [InlineData("12", 2)] // 1 + "12"
    [InlineData("100", 2)] // 1 + "01", the trailing "00" trimmed
    [InlineData("120", 3)] // 1 + "01" + "20"
    [InlineData("-5", 3)] // 1 + "05" + sign
    [InlineData("1777636800000000", 5)] // 1 + "17" "77" "63" "68", eight trailing zeros trimmed
    [InlineData("9223372036854775807", 11)] // 19 significant digits: 1 + 10 pairs
    public void A_whole_number_counts_one_byte_plus_one_per_digit_pair(string number, int bytes) =>
        Assert.Equal(bytes, DynamoDbItemSize.NumberBytes(number));

    [Fact]
    public void An_item_counts_names_utf8_string_bytes_map_overheads_and_numbers()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["k"] = new() { S = "Öl" }, // 1 + (2 + 1): Ö is two UTF-8 bytes
            ["m"] = new() { M = new() { ["东"] = new() { S = "ab" }, ["x"] = new() { S = "" } } }, // 1 + 3 + (1 + 3 + 2) + (1 + 1 + 0)
            ["n"] = new() { N = "120" }, // 1 + 3
            ["e"] = new() { M = [] }, // 1 + 3
        };

        Assert.Equal(4 + 12 + 4 + 4, DynamoDbItemSize.Of(item));
    }
}

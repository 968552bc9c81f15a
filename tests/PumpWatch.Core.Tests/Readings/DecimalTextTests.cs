using System.Globalization;
using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>The fast decimal path gives exactly the double the BCL's full parser gives (the oracle), or declines.</summary>
public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("71.25")]
    [InlineData("-0.003")]
    [InlineData("312")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("123456.789012345")]
    public void TryParse_SimpleDecimals_EqualTheFullParserBitForBit(string text)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        // Bit-for-bit: the fast path must round exactly as the full parser does (-0 included).
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1E+2")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("")]
    [InlineData("-")]
    public void TryParse_ExponentsAndLongNumbers_AreLeftToTheFullParser(string text) =>
        Assert.False(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void TryParse_RandomDecimals_EqualTheFullParserBitForBit()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(77);
        for (var i = 0; i < 200_000; i++)
        {
            var intDigits = rng.Next(0, 9);
            var fracDigits = rng.Next(0, 16 - Math.Max(intDigits, 1));
            var text = new StringBuilder();
            if (rng.NextDouble() < 0.3)
            {
                text.Append('-');
            }

            text.Append(intDigits == 0 ? "0" : rng.Next(1, 10).ToString(CultureInfo.InvariantCulture));
            for (var d = 1; d < intDigits; d++)
            {
                text.Append((char)('0' + rng.Next(10)));
            }

            if (fracDigits > 0)
            {
                text.Append('.');
                for (var d = 0; d < fracDigits; d++)
                {
                    text.Append((char)('0' + rng.Next(10)));
                }
            }

            var s = text.ToString();
            Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(s), out var value), s);
            Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value), s);
        }
    }
}

using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1.5h", 5400)]
    [InlineData("2d", 172_800)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:15:00", 900)]
    [InlineData("1.04:00:00", 100_800)]
    public void TryParse_AUnitOrHoursMinutesSeconds_IsThatDuration(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("15 minutes")]
    [InlineData("NaNs")]
    [InlineData("-5m")]
    [InlineData("")]
    [InlineData("1e400s")]
    public void TryParse_ABareNumberOrGarbage_IsRefused(string text) => Assert.False(DurationText.TryParse(text, out _));
}

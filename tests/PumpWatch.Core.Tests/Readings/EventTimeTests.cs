using System.Globalization;
using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary><see cref="EventTime.TryParseIso"/> against the BCL's calendar (DateTimeOffset) as the oracle.</summary>
public sealed class EventTimeTests
{
    [Fact]
    public void TryParseIso_EveryDayOfYears1To9999_AtASecondOfThatDay_MatchesDateTimeOffset()
    {
        var rng = new Random(4242);
        for (var day = new DateTime(1, 1, 1); ; day = day.AddDays(1))
        {
            var time = day.AddSeconds(rng.Next(86_400));
            var text = Encoding.ASCII.GetBytes(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Assert.True(EventTime.TryParseIso(text, out var micros), Encoding.ASCII.GetString(text));
            Assert.Equal(EventTime.FromDateTimeOffset(new DateTimeOffset(time, TimeSpan.Zero)), micros);
            if (day.Year == 9999 && day.Month == 12 && day.Day == 31)
            {
                break;
            }
        }
    }

    [Theory]
    [InlineData("2024-02-29T00:00:00Z", true)]
    [InlineData("2000-02-29T00:00:00Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)]
    [InlineData("1900-02-29T00:00:00Z", false)]
    [InlineData("2100-02-29T00:00:00Z", false)]
    [InlineData("2026-04-31T00:00:00Z", false)]
    [InlineData("2026-12-31T23:59:59Z", true)]
    [InlineData("2026-13-01T00:00:00Z", false)]
    [InlineData("2026-00-01T00:00:00Z", false)]
    [InlineData("2026-01-00T00:00:00Z", false)]
    [InlineData("0000-01-01T00:00:00Z", false)]
    [InlineData("2026-01-01T24:00:00Z", false)]
    public void TryParseIso_MonthLengthsAndLeapYears_FollowTheGregorianCalendar(string text, bool valid)
    {
        // Which of these dates exist is the Gregorian rule (leap: divisible by 4, not by 100 unless by 400).
        Assert.Equal(valid, EventTime.TryParseIso(Encoding.ASCII.GetBytes(text), out var micros));
        if (valid)
        {
            Assert.Equal(EventTime.FromDateTimeOffset(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)), micros);
        }
    }
}

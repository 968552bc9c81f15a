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

    [Theory]
    [InlineData("2026-05-01T03:00:02.25Z", 0, 2_500_000)]
    [InlineData("2026-05-01T03:00:02.250Z", 0, 2_500_000)]
    [InlineData("2026-05-01T03:00:02,5", 0, 5_000_000)]
    [InlineData("2026-05-01t03:00:02.123456z", 0, 1_234_560)]
    [InlineData("2026-05-01 03:00:02.1234567", 0, 1_234_567)]
    [InlineData("2026-05-01T03:00:02.123456789", 0, 1_234_567)]
    [InlineData("2026-05-01T03:00:02.000000001", 0, 0)]
    [InlineData("2026-05-01T03:00:02+02:00", 120, 0)]
    [InlineData("2026-05-01T03:00:02.5-0530", -330, 5_000_000)]
    [InlineData("2026-05-01T03:00:02+01", 60, 0)]
    public void TryParseIso_FractionsAndOffsets_GiveTheInstantWritten(string text, int offsetMinutes, long fractionTicks)
    {
        // The oracle: the same wall time built by DateTimeOffset from its parts; digits past the seventh (100 ns) are dropped.
        var expected = new DateTimeOffset(2026, 5, 1, 3, 0, 2, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(fractionTicks);
        Assert.True(EventTime.TryParseIso(Encoding.ASCII.GetBytes(text), out var micros), text);
        Assert.Equal(EventTime.FromDateTimeOffset(expected), micros);
    }

    [Fact]
    public void TryParseIso_NoSeconds_IsTheWholeMinute()
    {
        Assert.True(EventTime.TryParseIso("2026-05-01T03:07"u8, out var micros));
        Assert.Equal(EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 3, 7, 0, TimeSpan.Zero)), micros);
    }

    [Fact]
    public void TryParseIso_ANonDigitAtAnyDigitPosition_IsRefused()
    {
        const string Valid = "2026-05-01T03:00:02.125+02:00";
        Assert.True(EventTime.TryParseIso(Encoding.ASCII.GetBytes(Valid), out _));
        for (var i = 0; i < Valid.Length; i++)
        {
            if (!char.IsAsciiDigit(Valid[i]))
            {
                continue;
            }

            foreach (var bad in "/:a \u0660")
            {
                var text = Valid[..i] + bad + Valid[(i + 1)..];
                Assert.False(EventTime.TryParseIso(Encoding.UTF8.GetBytes(text), out _), text);
            }
        }
    }

    [Theory]
    [InlineData("2026-05-01T03:00:0")]
    [InlineData("2026-05-01T03:00:02.")]
    [InlineData("2026-05-01T03:00:02.5x")]
    [InlineData("2026-05-01T03:00:60")]
    [InlineData("2026-05-01T03:60:00")]
    [InlineData("2026-05-01T03:00:02Zx")]
    [InlineData("2026-05-01T03:00:02+19:00")]
    [InlineData("2026-05-01T03:00:02+02:60")]
    [InlineData("2026-05-01T03:00:02+2")]
    [InlineData("2026-05-01X03:00:02")]
    [InlineData("2026/05/01T03:00:02")]
    [InlineData("2026-05-01T03:0")]
    public void TryParseIso_MalformedText_IsRefused(string text) => Assert.False(EventTime.TryParseIso(Encoding.ASCII.GetBytes(text), out _), text);
}

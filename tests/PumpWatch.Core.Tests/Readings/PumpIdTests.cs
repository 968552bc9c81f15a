using System.Text;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

public sealed class PumpIdTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("01", "1")]
    [InlineData("1E0", "1")]
    [InlineData("1e+2", "100")]
    [InlineData(" 7 ", "7")]
    [InlineData("P-101", "P-101")]
    [InlineData("1a", "1a")]
    [InlineData("-1", "-1")]
    [InlineData("1.5", "1.5")]
    [InlineData("9007199254740993", "9007199254740993")]
    public void Normalize_FollowsTheDocumentedRule(string id, string expected) => Assert.Equal(expected, PumpIds.Normalize(id));

    [Fact]
    public void Pipeline_FiveWaysOfWritingPumpOne_AreOnePump()
    {
        var pipeline = new DetectionPipeline(PipelineOptions.Default, new NullSink());
        string[] ids = ["1", "1.0", "\"01\"", "\"1\""];
        for (var i = 0; i < ids.Length; i++)
        {
            var json = $"{{\"pump_id\":{ids[i]},\"timestamp\":{1_777_636_800 + i},\"vibration\":1.5}}";
            Assert.Equal(ReadingStatus.Accepted, pipeline.Process(Encoding.UTF8.GetBytes(json), long.MaxValue));
        }

        pipeline.Process(new Reading("001", 1_777_636_810_000_000, [new("vibration", 1.5)]));
        Assert.Equal(1, pipeline.Pumps.Count);
    }

    private sealed class NullSink : DetectionSink;
}

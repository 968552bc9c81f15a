using PumpWatch.Cli.Alerts;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>The dispatcher hands every alert to every sink in order, and a failing sink costs a warning, not the run.</summary>
public sealed class AlertDispatcherTests
{
    private sealed class RecordingSink(string name, bool fail = false) : IAlertSink
    {
        public List<string> Seen { get; } = [];

        public bool Disposed { get; private set; }

        public string Name => name;

        public ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
        {
            Seen.Add(alert.PumpId);
            return fail ? throw new AlertDeliveryException(this, alert, "receiver down") : ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Pending_alerts_reach_every_sink_in_order_and_a_failure_is_one_warning()
    {
        var good = new RecordingSink("good");
        var bad = new RecordingSink("webhook:http://127.0.0.1:9/", fail: true);
        var warnings = new StringWriter();
        var dispatcher = new AlertDispatcher([bad, good], warnings);

        dispatcher.OnAlert(TestAlerts.Opened("1"));
        dispatcher.OnAlert(TestAlerts.Opened("2"));
        Assert.Empty(good.Seen);
        await dispatcher.DeliverPendingAsync(CancellationToken.None);
        await dispatcher.DisposeAsync();

        Assert.Equal(["1", "2"], good.Seen);
        Assert.Equal(["1", "2"], bad.Seen);
        Assert.Equal(2, dispatcher.Failed);
        Assert.Equal(
            [
                "pumpwatch: warning: alert 1@2026-05-01T00:01:00Z not delivered to webhook:http://127.0.0.1:9/: receiver down",
                "pumpwatch: warning: alert 2@2026-05-01T00:01:00Z not delivered to webhook:http://127.0.0.1:9/: receiver down",
            ],
            warnings.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.True(good.Disposed && bad.Disposed);
        Assert.True(dispatcher.ReportFailures());
    }

    [Fact]
    public async Task RunAsync_delivers_alerts_raised_on_another_thread_until_completed()
    {
        var sink = new RecordingSink("all");
        await using var dispatcher = new AlertDispatcher([sink], TextWriter.Null);
        var running = dispatcher.RunAsync(CancellationToken.None);

        await Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                dispatcher.OnAlert(TestAlerts.Opened(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        });
        dispatcher.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), sink.Seen);
        Assert.False(dispatcher.ReportFailures());
    }
}

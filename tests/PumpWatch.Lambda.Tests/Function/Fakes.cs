using System.Collections.Concurrent;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Lambda.Tests.Function;

/// <summary>An alert sink that keeps what it was given, and can be told to refuse.</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    public List<Alert> Sent { get; } = [];

    public bool Refuse { get; set; }

    public string Name => "recording";

    public ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (Refuse)
        {
            throw new AlertDeliveryException($"alert {alert.AlertId} not delivered to {Name}: refused by the test");
        }

        Sent.Add(alert);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Alert states in memory with the store contract's conditional write (stored window end absent or earlier).</summary>
internal sealed class MemoryAlertStateStore : IAlertStateStore
{
    private readonly ConcurrentDictionary<string, AppliedAlertState> _states = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, AppliedAlertState>> ReadAsync(IReadOnlyCollection<string> pumpIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, AppliedAlertState>>(pumpIds.Distinct().Where(_states.ContainsKey).ToDictionary(p => p, p => _states[p]));

    public Task<bool> TryWriteAsync(string pumpId, AlertState state, long windowEnd, CancellationToken cancellationToken = default)
    {
        lock (_states)
        {
            if (_states.TryGetValue(pumpId, out var stored) && stored.AppliedThrough >= windowEnd)
            {
                return Task.FromResult(false);
            }

            _states[pumpId] = new AppliedAlertState(state, windowEnd);
            return Task.FromResult(true);
        }
    }
}

/// <summary>The in-memory store, whose flush can be made to fail as a store behind a network would.</summary>
internal sealed class FlakyStore(IReadOnlyList<string> features) : IResultWriter
{
    public InMemoryResultStore Inner { get; } = new(features);

    public bool FailFlush { get; set; }

    public void OnReading(ParsedReading reading) => Inner.OnReading(reading);

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail) =>
        Inner.OnQuarantined(raw, pumpId, timestamp, reason, detail);

    public void OnWindow(ScoredWindow window) => Inner.OnWindow(window);

    public void OnAlert(Alert alert) => Inner.OnAlert(alert);

    public Task FlushAsync(CancellationToken cancel = default) =>
        FailFlush ? Task.FromException(new IOException("the test's store is down")) : Inner.FlushAsync(cancel);
}

using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;
using PumpWatch.Core.Windows;
using PumpWatch.Function.Events;

namespace PumpWatch.Function;

/// <summary>
/// The production function: one invocation of the Kinesis event source mapping with tumbling windows in, the state
/// for the window's next invocation and the failed records out. The same code runs in Lambda and in
/// <c>pumpwatch consume</c>, which builds the same events from its own polling.
/// </summary>
/// <remarks>
/// Every invocation decodes and validates its records (bad ones are quarantined with their reason, never reported as
/// batch failures, so one poison record cannot block a shard), merges the readings into the window state of their
/// pump, writes readings and quarantined records to the store, and returns the state. The window's final invocation
/// (or the one after which Lambda terminates it early) closes every pump's window: features, scores, window results to
/// the store, the alert policy with each pump's state claimed in the alert-state store by a conditional write, and the
/// alerts of the pumps it won sent to the sink. A retry of a final invocation writes the same rows again (the store is
/// idempotent) and loses every claim, so it sends nothing twice.
/// <para>
/// Lambda starts every window with an empty state, so what must outlive a window (each pump's newest reading, sampling
/// interval and silence) is saved per shard in an <see cref="IShardStateStore"/> on the final invocation and loaded by the
/// first invocation of the next window.
/// </para>
/// </remarks>
public sealed class KinesisWindowFunction
{
    /// <summary>The state key that marks a state as this function's (pump ids are never empty).</summary>
    internal const string MarkerKey = "";

    private readonly FunctionSettings _settings;
    private readonly AnomalyModel _model;
    private readonly IResultWriter _store;
    private readonly IAlertSink _alerts;
    private readonly IAlertStateStore _alertStates;
    private readonly IShardStateStore _shardStates;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;

    // Kept between invocations (see RentPipeline); taken with Interlocked.Exchange, so concurrent calls never share one.
    private DetectionPipeline? _pipeline;
    private List<RecordOutcome>? _outcomes;

    /// <summary>Past this many pump ids seen, the pipeline is not kept for the next invocation (see ReturnPipeline).</summary>
    private const int MaxReusedPumpIds = 100_000;

    public KinesisWindowFunction(FunctionSettings settings, AnomalyModel model, IResultWriter store, IAlertSink alerts,
        IAlertStateStore alertStates, IShardStateStore shardStates, TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(alertStates);
        ArgumentNullException.ThrowIfNull(shardStates);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        (_settings, _model, _store, _alerts, _alertStates, _shardStates, _time, _log) = (settings, model, store, alerts, alertStates, shardStates, time, log);
    }

    /// <summary>Handles one invocation.</summary>
    /// <exception cref="InvalidEventException">The event is not a tumbling-window event (no window, no shard).</exception>
    public async Task<KinesisTimeWindowResponse> HandleAsync(KinesisTimeWindowEvent input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = _time.GetTimestamp();
        var metrics = new InvocationMetrics();
        var window = input.Window ?? throw new InvalidEventException("the event has no window: is TumblingWindowInSeconds set on the event source mapping?");
        if (window.End <= window.Start)
        {
            throw new InvalidEventException($"the event's window ends ({window.End:O}) at or before it starts ({window.Start:O})");
        }

        if (input.ShardId is null)
        {
            throw new InvalidEventException("the event has no shardId");
        }

        var pipeline = RentPipeline();
        try
        {
            return await HandleAsync(input, pipeline, metrics, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReturnPipeline(pipeline);
        }
    }

    private async Task<KinesisTimeWindowResponse> HandleAsync(KinesisTimeWindowEvent input, DetectionPipeline pipeline, InvocationMetrics metrics,
        long started, CancellationToken cancellationToken)
    {
        var window = input.Window!;
        var shardKey = $"{input.EventSourceARN}/{input.ShardId}";
        var records = input.Records ?? [];
        var inputState = input.State ?? [];
        var final = input.IsFinalInvokeForWindow == true || input.IsWindowTerminatedEarly == true;
        var arrival = new ArrivalWindow(EventTime.FromDateTimeOffset(window.Start), EventTime.FromDateTimeOffset(window.End));
        // An early-terminated window continues with the same bounds: what this invocation closes claims one microsecond
        // less, so that the continuation's own final invocation can still claim the window's end.
        var claimEnd = input.IsWindowTerminatedEarly == true && input.IsFinalInvokeForWindow != true ? arrival.End - 1 : arrival.End;
        var now = EventTime.FromDateTimeOffset(_time.GetUtcNow());
        if (inputState.Count == 0)
        {
            if (await _shardStates.LoadAsync(shardKey, cancellationToken).ConfigureAwait(false) is { } carried)
            {
                Import(pipeline, carried.Pumps);
            }
        }
        else
        {
            Import(pipeline, inputState);
        }

        var (raw, count, rejected, buffer) = Decode(records, pipeline);
        var outcomes = Interlocked.Exchange(ref _outcomes, null) ?? [];
        var batch = pipeline.ProcessBatch(new ArraySegment<RawRecord>(raw, 0, count), now, closeWindows: false, arrival, outcomes);
        // The pipeline copied what it keeps (store rows, window aggregates) while processing: the payloads can go back.
        ArrayPool<byte>.Shared.Return(buffer);
        // Only the used entries hold references (sequence numbers, the buffer) that the pool must not keep alive.
        raw.AsSpan(0, count).Clear();
        ArrayPool<RawRecord>.Shared.Return(raw);
        outcomes.Clear();
        _outcomes = outcomes;
        metrics.Count("RecordsIn", records.Count);
        metrics.Count("Accepted", batch.Accepted);
        metrics.Count("Duplicates", batch.Duplicates);
        metrics.Count("Quarantined", batch.Quarantined + rejected);
        var decoded = _time.GetTimestamp();
        metrics.Milliseconds("DecodeAggregateMs", _time.GetElapsedTime(started, decoded).TotalMilliseconds);

        var closing = final ? await CloseAsync(pipeline, arrival, claimEnd, cancellationToken).ConfigureAwait(false) : null;
        var scored = _time.GetTimestamp();
        if (final)
        {
            metrics.Milliseconds("ScoreMs", _time.GetElapsedTime(decoded, scored).TotalMilliseconds);
        }

        if (!await TryFlushAsync(cancellationToken).ConfigureAwait(false))
        {
            // Nothing of this batch is durable: a final invocation fails so that Lambda retries it; any other returns
            // the state it was given and every record as failed, so Lambda sends the batch again from its first record.
            if (final)
            {
                throw new DownstreamException("the store did not take this window's results; the final invocation is retried");
            }

            metrics.Count("FailedRecords", records.Count);
            Log(metrics, input, started);
            return new KinesisTimeWindowResponse
            {
                State = new Dictionary<string, string>(inputState, StringComparer.Ordinal),
                BatchItemFailures = records.Select((r, i) => new BatchItemFailure(r.Kinesis?.SequenceNumber ?? $"#{i}")).ToList(),
            };
        }

        var stored = _time.GetTimestamp();
        metrics.Milliseconds("StoreMs", _time.GetElapsedTime(scored, stored).TotalMilliseconds);
        metrics.Count("Pumps", pipeline.StatePumps.Count());

        Dictionary<string, string> state;
        if (closing is not null)
        {
            metrics.Count("WindowsClosed", closing.Batch.Windows.Count);
            var sent = await SendAsync(closing, batch.Alerts, claimEnd, cancellationToken).ConfigureAwait(false);
            metrics.Count("Alerts", sent);
            var carry = Export(pipeline);
            if (CapCarried(carry, _settings.CarriedStateLimitBytes) is var (dropped, kept) && dropped > 0)
            {
                // A state the shard-state store refuses (DynamoDB: 400 KB per item) would fail this final invoke on every
                // retry and stall the shard; those pumps start their next window afresh instead (README, "Lambda").
                metrics.Count("CarriedPumpsDropped", dropped);
                await _log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"shard {shardKey}: carried state of {dropped} of {dropped + kept} pumps dropped to stay under {_settings.CarriedStateLimitBytes:N0} bytes; they start the next window without their newest reading, sampling interval and silence")).ConfigureAwait(false);
            }

            var lastSequence = records.Count > 0 ? records[^1].Kinesis?.SequenceNumber : null;
            if (!await _shardStates.TrySaveAsync(shardKey, new ShardState(carry, claimEnd, lastSequence), cancellationToken).ConfigureAwait(false))
            {
                // The store already holds this window end or a later one: this is a retry of a final invoke that saved, or a
                // stale worker; the stored state is at least as new as this one, so it stays (not a failure, but counted).
                metrics.Count("ShardStateNotSaved", 1);
                await _log.WriteLineAsync($"shard {shardKey}: state through {EventTime.Format(claimEnd)} not saved: the store holds that window end or a later one").ConfigureAwait(false);
            }

            metrics.Milliseconds("AlertMs", _time.GetElapsedTime(stored).TotalMilliseconds);
            // Lambda starts the next window with a fresh state; a continuation of an early-terminated one loads the
            // shard state just saved. The response still needs a state (without it the invocation counts as failed).
            state = new Dictionary<string, string>(StringComparer.Ordinal) { [MarkerKey] = "closed" };
        }
        else
        {
            state = Export(pipeline);
            state[MarkerKey] = "open";
            var bytes = StateBytes(state);
            metrics.Bytes("StateBytes", bytes);
            if (bytes > _settings.StateLimitBytes)
            {
                // Over the limit Lambda would end the window itself and drop the state; closing it now keeps every reading
                // in a scored window. The window's later readings form a second window with the same bounds (README, "Lambda").
                metrics.Count("ClosedEarly", 1);
                closing = await CloseAsync(pipeline, arrival, arrival.End - 1, cancellationToken).ConfigureAwait(false);
                if (!await TryFlushAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new DownstreamException("the store did not take the results of a window closed early at the state limit");
                }

                metrics.Count("WindowsClosed", closing.Batch.Windows.Count);
                metrics.Count("Alerts", await SendAsync(closing, batch.Alerts, arrival.End - 1, cancellationToken).ConfigureAwait(false));
                state = Export(pipeline);
                state[MarkerKey] = "open";
            }
        }

        Log(metrics, input, started);
        return new KinesisTimeWindowResponse { State = state, BatchItemFailures = [] };
    }

    // One pipeline per function, reused by its invocations (Lambda runs one at a time per instance; a concurrent call
    // finds none and builds its own): its pools, pump-id table and catalog then cost once per container, not once per
    // invocation. Every invocation starts from the state it imports, so ResetState makes it a new pipeline's equal.
    private DetectionPipeline RentPipeline()
    {
        if (Interlocked.Exchange(ref _pipeline, null) is { } pipeline)
        {
            pipeline.ResetState();
            return pipeline;
        }

        return new DetectionPipeline(_settings.Pipeline, _store, _model);
    }

    // Kept only while it equals a new pipeline once reset: no sensor beyond the options' (a new one's catalog would not
    // hold it, and a full catalog would refuse a sensor a new pipeline takes), and a bounded pump-id table (a stream of
    // ever new ids must not grow a warm container's memory).
    private void ReturnPipeline(DetectionPipeline pipeline)
    {
        if (pipeline.Catalog.Count == _settings.Pipeline.Sensors.Count && pipeline.Pumps.Count <= MaxReusedPumpIds)
        {
            _pipeline = pipeline;
        }
    }

    private sealed record Closing(DetectionPipeline Pipeline, BatchResult Batch, HashSet<string> AlreadyApplied);

    // Loads the alert-policy state of every pump in the window, skips the pumps whose state already went past this window
    // (a retry), and closes every window.
    private async Task<Closing> CloseAsync(DetectionPipeline pipeline, ArrivalWindow arrival, long claimEnd, CancellationToken cancellationToken)
    {
        var pumps = pipeline.StatePumps.ToList();
        var stored = await _alertStates.ReadAsync(pumps, cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pump, state) in stored)
        {
            if (state.AppliedThrough >= claimEnd)
            {
                applied.Add(pump);
            }
            else
            {
                pipeline.SetAlertState(pump, state.State);
            }
        }

        pipeline.AlertFilter = applied.Count == 0 ? null : w => !applied.Contains(w.PumpId);
        var batch = pipeline.ProcessBatch([], EventTime.FromDateTimeOffset(_time.GetUtcNow()), closeWindows: true, arrival);
        return new Closing(pipeline, batch, applied);
    }

    // Claims each pump's state for this window end and sends the alerts of the pumps won, in the order they were raised.
    private async Task<int> SendAsync(Closing closing, IReadOnlyList<Alert> earlier, long claimEnd, CancellationToken cancellationToken)
    {
        var alerts = earlier.Concat(closing.Batch.Alerts).ToList();
        var touched = closing.Batch.Windows.Select(w => w.PumpId).Concat(alerts.Select(a => a.PumpId)).Distinct(StringComparer.Ordinal).ToList();
        var won = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pump in touched)
        {
            if (closing.AlreadyApplied.Contains(pump))
            {
                continue;
            }

            var state = closing.Pipeline.AlertStates.GetValueOrDefault(pump, AlertState.Initial);
            if (await _alertStates.TryWriteAsync(pump, state, claimEnd, cancellationToken).ConfigureAwait(false))
            {
                won.Add(pump);
            }
        }

        var sent = 0;
        foreach (var alert in alerts)
        {
            if (!won.Contains(alert.PumpId))
            {
                continue;
            }

            try
            {
                await _alerts.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (AlertDeliveryException e)
            {
                // The claim is won, so a retry would not send it either: the alert stays in the store (and on the
                // dashboards), and this line (a metric filter can count it) says it did not reach subscribers.
                await _log.WriteLineAsync($"alert not delivered: {e.Message}").ConfigureAwait(false);
            }
        }

        return sent;
    }

    private async Task<bool> TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.FlushAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _log.WriteLineAsync($"store flush failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static void Import(DetectionPipeline pipeline, IReadOnlyDictionary<string, string> state)
    {
        foreach (var (pump, text) in state)
        {
            if (pump.Length > 0)
            {
                pipeline.ImportWindowState(pump, text);
            }
        }
    }

    private static Dictionary<string, string> Export(DetectionPipeline pipeline)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pump in pipeline.StatePumps)
        {
            state[pump] = pipeline.ExportWindowState(pump)!;
        }

        return state;
    }

    /// <summary>
    /// Keeps the carried pump states, in pump id order, while their size stays within <paramref name="limit"/> and drops the
    /// rest; returns how many were dropped and kept. Sized as DynamoDB sizes a map attribute: per element the UTF-8 name,
    /// the UTF-8 string value and one byte (DynamoDB developer guide, "Item sizes and formats").
    /// </summary>
    internal static (int Dropped, int Kept) CapCarried(Dictionary<string, string> carry, int limit)
    {
        long total = 0;
        foreach (var (pump, text) in carry)
        {
            total += System.Text.Encoding.UTF8.GetByteCount(pump) + System.Text.Encoding.UTF8.GetByteCount(text) + 1;
        }

        if (total <= limit)
        {
            return (0, carry.Count);
        }

        long size = 0;
        var dropped = 0;
        foreach (var pump in carry.Keys.Order(StringComparer.Ordinal).ToList())
        {
            var entry = System.Text.Encoding.UTF8.GetByteCount(pump) + System.Text.Encoding.UTF8.GetByteCount(carry[pump]) + 1;
            if (size + entry <= limit)
            {
                size += entry;
                continue;
            }

            carry.Remove(pump);
            dropped++;
        }

        return (dropped, carry.Count);
    }

    // The state's size as Lambda's JSON: braces, per entry four quotes, a colon and a comma, and System.Text.Json's
    // escape of '+' in base64 as \u002B (5 more bytes each).
    internal static long StateBytes(IReadOnlyDictionary<string, string> state)
    {
        long bytes = 2;
        foreach (var (key, value) in state)
        {
            bytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 6 + (5 * value.AsSpan().Count('+'));
        }

        return bytes;
    }

    // Base64 payloads decoded into one pooled buffer for the whole batch, with the records in a pooled array (no
    // allocation per record; the caller returns both once the batch is processed). One pass over the event's records:
    // the buffer grows (rent twice the size, copy) when a payload would not fit, so the records are not walked a second
    // time to size it. A record without data or with data that is not base64 is quarantined here, with its sequence
    // number in the detail.
    private static (RawRecord[] Raw, int Count, int Rejected, byte[] Buffer) Decode(IReadOnlyList<KinesisEventRecord> records, DetectionPipeline pipeline)
    {
        // Readings are about 150-250 bytes: this fits most batches without growing.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(records.Count * 256, 1024));
        var narrow = ArrayPool<byte>.Shared.Rent(1024);
        var raw = ArrayPool<RawRecord>.Shared.Rent(Math.Max(records.Count, 1));
        var ends = ArrayPool<int>.Shared.Rent(Math.Max(records.Count, 1));
        var (offset, count, rejected) = (0, 0, 0);
        for (var i = 0; i < records.Count; i++)
        {
            var kinesis = records[i].Kinesis;
            var data = kinesis?.Data;
            if (data is not null)
            {
                Grow(ref narrow, 0, data.Length);
                Grow(ref buffer, offset, offset + Base64.GetMaxDecodedFromUtf8Length(data.Length));
            }

            if (data is null || !TryDecodeBase64(data, narrow, buffer.AsSpan(offset), out var written))
            {
                var id = kinesis?.SequenceNumber ?? records[i].EventID ?? $"#{i}";
                var what = data is null ? "has no kinesis.data" : "has kinesis.data that is not base64";
                pipeline.Reject(Encoding.UTF8.GetBytes(data ?? ""), kinesis?.PartitionKey, null, QuarantineReason.MalformedJson, $"record {id} {what}");
                rejected++;
                continue;
            }

            var arrivalMicros = (long)Math.Round(kinesis!.ApproximateArrivalTimestamp * 1_000_000);
            raw[count] = new RawRecord(default, kinesis.SequenceNumber ?? records[i].EventID ?? $"#{i}", arrivalMicros);
            offset += written;
            ends[count++] = offset;
        }

        // The buffer is final only now: point each record at its bytes.
        var start = 0;
        for (var k = 0; k < count; k++)
        {
            raw[k] = raw[k] with { Data = buffer.AsMemory(start, ends[k] - start) };
            start = ends[k];
        }

        ArrayPool<int>.Shared.Return(ends);
        ArrayPool<byte>.Shared.Return(narrow);
        return (raw, count, rejected, buffer);
    }

    // Makes a pooled buffer hold at least needed bytes, keeping its first used bytes.
    private static void Grow(ref byte[] buffer, int used, int needed)
    {
        if (needed <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    // Base64 text as Lambda sends it is ASCII without whitespace: narrowed to bytes and decoded by the vectorised UTF-8
    // decoder, 3-4x faster than Convert.TryFromBase64Chars here. Anything else (whitespace, other characters) takes
    // Convert's tolerant path, so what is accepted is unchanged.
    private static bool TryDecodeBase64(string data, byte[] narrow, Span<byte> destination, out int written)
    {
        if (Ascii.FromUtf16(data, narrow, out var length) == OperationStatus.Done
            && Base64.DecodeFromUtf8(narrow.AsSpan(0, length), destination, out _, out written) == OperationStatus.Done)
        {
            return true;
        }

        return Convert.TryFromBase64Chars(data, destination, out written);
    }

    private void Log(InvocationMetrics metrics, KinesisTimeWindowEvent input, long started)
    {
        metrics.Milliseconds("DurationMs", _time.GetElapsedTime(started).TotalMilliseconds);
        _log.WriteLine(metrics.ToEmf(_time.GetUtcNow().ToUnixTimeMilliseconds(), input.ShardId ?? "", input.IsFinalInvokeForWindow == true));
    }
}

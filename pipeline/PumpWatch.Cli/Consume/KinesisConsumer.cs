using System.Globalization;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;
using PumpWatch.Function;
using PumpWatch.Function.Events;

namespace PumpWatch.Cli.Consume;

/// <summary>
/// <c>pumpwatch consume</c>'s loop: the Kinesis event source mapping with tumbling windows, done by hand. It polls every
/// shard in turn (ListShards, GetShardIterator, GetRecords; a reshard's children once their parents are read to the
/// end), puts each record in the window of its arrival time (window = floor(arrival / size), per shard), and calls
/// the window function with the events Lambda would send: the window's records in batches with the state carried
/// between them, then a final invoke when the window is over (a later record arrived, or the shard is caught up and the
/// window's end has passed). Each final invoke checkpoints its shard in the DuckDB store, in one transaction with the
/// window's rows; a restart resumes after the checkpoint with the carried state.
/// </summary>
internal sealed class KinesisConsumer
{
    private const string SchemaVersion = "1.0";

    private readonly IKinesisClient _kinesis;
    private readonly KinesisWindowFunction _function;
    private readonly DuckDbStore _store;
    private readonly IShardStateStore _shardStates;
    private readonly ConsumeOptions _options;
    private readonly string _region;
    private readonly long _windowMs;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly Dictionary<string, ShardCursor> _cursors = new(StringComparer.Ordinal);
    private string _streamArn = "";

    public KinesisConsumer(IKinesisClient kinesis, KinesisWindowFunction function, DuckDbStore store, IShardStateStore shardStates,
        ConsumeOptions options, string region, TimeSpan window, TimeProvider time, TextWriter output)
    {
        (_kinesis, _function, _store, _shardStates, _options, _region, _time, _output) = (kinesis, function, store, shardStates, options, region, time, output);
        _windowMs = (long)window.TotalMilliseconds;
    }

    /// <summary>Records read from the stream in this run (including those read again after a restart).</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Windows closed (and shards checkpointed) in this run.</summary>
    public int Checkpoints { get; private set; }

    /// <summary>Records read but not yet covered by a checkpoint: the next run reads them again.</summary>
    public int Uncommitted => _cursors.Values.Sum(c => c.InWindow);

    /// <summary>Runs until <paramref name="stop"/> fires or the options' exit condition holds; an invocation in progress always completes.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        _streamArn = (await _kinesis.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = _options.Stream }, stop).ConfigureAwait(false))
            .StreamDescriptionSummary.StreamARN;
        foreach (var shard in await _kinesis.ListAllShardsAsync(_options.Stream, cancellationToken: stop).ConfigureAwait(false))
        {
            Add(shard.ShardId, [.. new[] { shard.ParentShardId, shard.AdjacentParentShardId }.OfType<string>()]);
        }

        var lastRecord = _time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var read = 0;
            foreach (var cursor in _cursors.Values.Where(Ready).ToList())
            {
                read += await PollAsync(cursor, stop).ConfigureAwait(false);
            }

            if (read > 0)
            {
                lastRecord = _time.GetTimestamp();
                continue;
            }

            var open = _cursors.Values.Any(c => c.Window is not null);
            if (_options.UntilEmpty && !open && _cursors.Values.All(c => c.Finished || (c.CaughtUp && Ready(c))))
            {
                return;
            }

            if (_options.IdleExit is { } idle && _time.GetElapsedTime(lastRecord) >= idle)
            {
                return;
            }

            await Task.Delay(_options.PollInterval, _time, stop).ConfigureAwait(false);
        }
    }

    private void Add(string shardId, IReadOnlyList<string> parents)
    {
        if (!_cursors.ContainsKey(shardId))
        {
            _cursors[shardId] = new ShardCursor(shardId, parents);
        }
    }

    // A shard is read once every parent that the stream still lists is read to its end (parents past retention are gone).
    private bool Ready(ShardCursor cursor) =>
        !cursor.Finished && cursor.Parents.All(p => !_cursors.TryGetValue(p, out var parent) || parent.Finished);

    private string ShardKey(ShardCursor cursor) => $"{_streamArn}/{cursor.ShardId}";

    private async Task<int> PollAsync(ShardCursor cursor, CancellationToken stop)
    {
        if (cursor.Iterator is null)
        {
            cursor.Iterator = await StartAsync(cursor, stop).ConfigureAwait(false);
        }

        var response = await _kinesis.GetRecordsAsync(new GetRecordsRequest(cursor.Iterator) { Limit = _options.Limit }, stop).ConfigureAwait(false);
        cursor.Iterator = response.NextShardIterator;
        RecordsRead += response.Records.Count;
        foreach (var record in response.Records)
        {
            var number = Math.Max(Math.Max(WindowOf(record), cursor.FirstOpenWindow), cursor.Window ?? long.MinValue);
            if (cursor.Window is { } open && number > open)
            {
                await CloseAsync(cursor).ConfigureAwait(false);
            }

            cursor.Window = number;
            cursor.Held.Add(record);
            cursor.InWindow++;
        }

        // Everything but the newest record of the open window goes to the function now, as one batch.
        if (cursor.Held.Count > 1)
        {
            await InvokeAsync(cursor, cursor.Held.Count - 1, final: false).ConfigureAwait(false);
        }

        cursor.CaughtUp = response.Records.Count == 0 && response.MillisBehindLatest is null or 0;
        if (response.NextShardIterator is null)
        {
            // Closed and read to its end: its last window closes now (no record can join it), then its children start.
            if (cursor.Window is not null)
            {
                await CloseAsync(cursor).ConfigureAwait(false);
            }

            cursor.Finished = true;
            var children = new List<string>();
            foreach (var child in response.ChildShards ?? [])
            {
                Add(child.ShardId, child.ParentShards);
                children.Add(child.ShardId);
            }

            if (children.Count == 0)
            {
                // ChildShards is optional in the response (servers before it, kinesalite): the listing names the children too.
                foreach (var shard in await _kinesis.ListAllShardsAsync(_options.Stream, cancellationToken: stop).ConfigureAwait(false))
                {
                    if (shard.ParentShardId == cursor.ShardId || shard.AdjacentParentShardId == cursor.ShardId)
                    {
                        Add(shard.ShardId, [.. new[] { shard.ParentShardId, shard.AdjacentParentShardId }.OfType<string>()]);
                        children.Add(shard.ShardId);
                    }
                }
            }

            await _output.WriteLineAsync($"shard {cursor.ShardId} read to its end{(children.Count > 0 ? $"; its children {string.Join(", ", children)} follow" : "")}").ConfigureAwait(false);
        }
        else if (cursor.CaughtUp && cursor.Window is { } window && _time.GetUtcNow() >= WindowEnd(window) + _options.CloseGrace)
        {
            await CloseAsync(cursor).ConfigureAwait(false);
        }

        return response.Records.Count;
    }

    // After the checkpoint's record when there is one (with the window numbers it closed behind it), else at --from.
    private async Task<string> StartAsync(ShardCursor cursor, CancellationToken stop)
    {
        var saved = await _shardStates.LoadAsync(ShardKey(cursor), stop).ConfigureAwait(false);
        GetShardIteratorRequest request;
        if (saved?.LastSequenceNumber is { } sequence)
        {
            cursor.FirstOpenWindow = (saved.ThroughWindowEnd / 1000) / _windowMs;
            request = new GetShardIteratorRequest(cursor.ShardId, ShardIteratorType.AfterSequenceNumber) { StreamName = _options.Stream, StartingSequenceNumber = sequence };
            await _output.WriteLineAsync($"shard {cursor.ShardId}: resuming after checkpoint {sequence} (windows through {EventTime.Format(saved.ThroughWindowEnd)})").ConfigureAwait(false);
        }
        else
        {
            var type = _options.From == ConsumeOptions.Latest ? ShardIteratorType.Latest : ShardIteratorType.TrimHorizon;
            request = new GetShardIteratorRequest(cursor.ShardId, type) { StreamName = _options.Stream };
        }

        return (await _kinesis.GetShardIteratorAsync(request, stop).ConfigureAwait(false)).ShardIterator
            ?? throw new IOException($"stream {_options.Stream}: GetShardIterator for {cursor.ShardId} returned no iterator");
    }

    private Task CloseAsync(ShardCursor cursor) => InvokeAsync(cursor, cursor.Held.Count, final: true);

    // The function runs to the end even when the user stops the run: its checkpoint is then either committed or not at all.
    private async Task InvokeAsync(ShardCursor cursor, int count, bool final)
    {
        var window = cursor.Window!.Value;
        var records = new List<KinesisEventRecord>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(EventRecord(cursor, cursor.Held[i]));
        }

        var input = new KinesisTimeWindowEvent
        {
            Records = records,
            Window = new TimeWindow { Start = WindowEnd(window - 1), End = WindowEnd(window) },
            State = cursor.State,
            ShardId = cursor.ShardId,
            EventSourceARN = _streamArn,
            IsFinalInvokeForWindow = final,
            IsWindowTerminatedEarly = false,
        };
        _store.BeginShard(ShardKey(cursor));
        var response = await _function.HandleAsync(input, CancellationToken.None).ConfigureAwait(false);
        if (response.BatchItemFailures.Count > 0)
        {
            throw new IOException($"shard {cursor.ShardId}: the function could not store {response.BatchItemFailures.Count} record(s) from {response.BatchItemFailures[0].ItemIdentifier} on; stopped without a checkpoint for them (the next run reads them again)");
        }

        cursor.Held.RemoveRange(0, count);
        if (!final)
        {
            cursor.State = response.State;
            return;
        }

        // Lambda starts the next window with an empty state; the function then loads the shard state just checkpointed.
        cursor.State = new Dictionary<string, string>(StringComparer.Ordinal);
        cursor.Window = null;
        cursor.InWindow = 0;
        cursor.FirstOpenWindow = window + 1;
        Checkpoints++;
        var last = records.Count > 0 ? records[^1].Kinesis!.SequenceNumber : "-";
        await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"checkpoint {cursor.ShardId}: window {input.Window.Start:HH:mm:ss}-{input.Window.End:HH:mm:ss} closed through {last}")).ConfigureAwait(false);
    }

    private KinesisEventRecord EventRecord(ShardCursor cursor, Record record) => new()
    {
        Kinesis = new KinesisRecord
        {
            KinesisSchemaVersion = SchemaVersion,
            PartitionKey = record.PartitionKey,
            SequenceNumber = record.SequenceNumber,
            Data = Convert.ToBase64String(record.Data),
            ApproximateArrivalTimestamp = ArrivalMs(record) / 1000.0,
            EncryptionType = record.EncryptionType,
        },
        EventSource = "aws:kinesis",
        EventVersion = SchemaVersion,
        EventID = $"{cursor.ShardId}:{record.SequenceNumber}",
        EventName = "aws:kinesis:record",
        AwsRegion = _region,
        EventSourceARN = _streamArn,
    };

    // Kinesis stamps arrival in milliseconds; a record without a stamp (never from the service) counts as arriving now.
    private long ArrivalMs(Record record) => (record.ApproximateArrivalTimestamp ?? _time.GetUtcNow()).ToUnixTimeMilliseconds();

    private long WindowOf(Record record) => (long)Math.Floor(ArrivalMs(record) / (double)_windowMs);

    private DateTimeOffset WindowEnd(long window) => DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * _windowMs);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Store;

/// <summary>
/// The embedded store: one DuckDB file with tables that mirror the Timestream design (pump_id as a dimension,
/// time, measures). The pipeline thread only copies rows into pooled column batches; one writer thread owns the
/// connection and appends full batches through DuckDB appenders, so storage runs beside the pipeline on another
/// core; DuckDB's memory is capped so a long replay stays flat. <see cref="FlushAsync"/> completes when everything handed over
/// is committed; a writer failure surfaces there or on the next write. Windows and alert events are idempotent: one
/// written again (same pump, start and end; same alert id, event and window end) replaces the earlier row.
/// <para>
/// Checkpointed (<c>pumpwatch consume</c>): what the sink calls hand over is held per shard (<see cref="BeginShard"/>)
/// and reaches the file only with that shard's <see cref="CheckpointAsync"/>, in one transaction with the shard's
/// checkpoint; <see cref="FlushAsync"/> then makes nothing durable, and what was not checkpointed is discarded on
/// dispose or lost in a crash, to be read from the stream again. So a restart neither loses nor repeats a row.
/// </para>
/// </summary>
public sealed partial class DuckDbStore : IResultStore
{
    private const int BatchRows = 8192;

    // The writer commits (closes its appenders) every this many rows (about 2 M): appended rows live in the transaction's
    // local storage until then, so committing bounds memory on long replays and what a crash could lose. Each commit
    // also checkpoints the tables' partly filled row groups again (DuckDB scans, analyses and compresses them anew), so
    // commits cost: a 10 M-reading backtest took 17.6 s committing every 262,144 rows, 15.6-16.3 s every 1 M and 14.6 s
    // every 2 M (peak memory alike: 307-325 MB and 320 MB). The demo flushes on its own clock; consume commits per checkpoint.
    private const int CommitRows = 256 * BatchRows;

    // Batches handed over and not yet written, at most (half a million readings at most, about 30 MB): enough for the
    // pipeline to keep going through a commit, when the writer stops appending for a while. With 4 the pipeline
    // waited at every commit (10 M readings: 22.1 s against 17.6 s with 64 and 262,144-row commits).
    private const int PendingBatches = 64;

    // DuckDB may otherwise cache up to 80% of RAM while appending; a fixed cap keeps a long replay's memory flat
    // (10 M readings: 468 MB peak without it). Blocks beyond it are written out, not lost.
    private const string MemoryLimit = "128MB";
    // Readings have a column for each of the tutorial's sensors (in TutorialSensors.All order) and JSON for the rest.
    private static readonly IReadOnlyList<string> TutorialColumns = TutorialSensors.All;
    private readonly DuckDBConnection _connection;
    private readonly IReadOnlyList<string> _features;
    private readonly int[] _sensorIndex = new int[TutorialColumns.Count];
    private readonly BlockingCollection<object> _work = new(boundedCapacity: PendingBatches);
    private readonly ConcurrentStack<ReadingRows> _spareReadings = new();
    private readonly ConcurrentStack<WindowRows> _spareWindows = new();
    private readonly Thread _writer;

    // Writer thread only: each pump's newest window end written, to tell a new window from a re-processed one.
    private readonly Dictionary<string, long> _windowEnds = new(StringComparer.Ordinal);

    // Writer thread only: each pump's number in the pumps table, which reading_rows stores in place of its id; the next one.
    private readonly Dictionary<string, int> _pumpNumbers = new(StringComparer.Ordinal);
    private int _nextPumpNumber;
    private SensorCatalog? _catalog;
    private ReadingRows _readings;
    private WindowRows _windows;
    // Checkpointed only: work held per shard until its checkpoint; the shard the sink calls belong to now.
    private readonly bool _checkpointed;
    private readonly Dictionary<string, List<object>> _held = new(StringComparer.Ordinal);
    private List<object>? _current;

    // Writer thread only: an explicit transaction is open (checkpointed: every write joins it until the next commit).
    private bool _inTransaction;

    // Pipeline thread only: (alert id, event, window end) of every alert row in the file when opened or sent to it since,
    // so an alert's row is deleted before its insert only when one may exist (a replayed alert). Each statement costs
    // the writer a DuckDB query and commit; the DELETE of every new alert was half of them.
    private readonly HashSet<(string AlertId, string Event, long WindowEnd)> _alertRows = [];
    private volatile Exception? _failure;
    private bool _disposed;
    private long _quarantined;

    /// <param name="path">The DuckDB file, created when missing.</param>
    /// <param name="featureNames">The windows table's feature columns.</param>
    /// <param name="checkpointed">Hold writes per shard until <see cref="CheckpointAsync"/> (see the remarks above).</param>
    public DuckDbStore(string path, IReadOnlyList<string> featureNames, bool checkpointed = false)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        Path = path;
        _checkpointed = checkpointed;
        _features = featureNames;
        // Built, not spliced: a path with ';' or '=' would otherwise break the connection string.
        _connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
        _connection.Open();
        CreateTables();
        _readings = new ReadingRows(BatchRows);
        _windows = new WindowRows(BatchRows, featureNames.Count);
        // One dedicated thread owns the connection: DuckDB's allocator caches memory per calling thread, and a
        // writer hopping across pool threads grew a 10 M-reading replay from 200 to 390 MB.
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "duckdb-writer" };
        _writer.Start();
    }

    public string Path { get; }

    /// <summary>The connection, for reading back; use it only after <see cref="FlushAsync"/>.</summary>
    public DuckDBConnection Connection => _connection;

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void OnReading(ParsedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!ReferenceEquals(reading.Catalog, _catalog))
        {
            MapCatalog(reading.Catalog ?? throw new ArgumentException("reading has no sensor catalog", nameof(reading)));
        }

        var batch = _readings;
        var row = batch.Count++;
        batch.Pump[row] = reading.PumpId;
        batch.Time[row] = reading.Timestamp;
        for (var s = 0; s < TutorialColumns.Count; s++)
        {
            var index = _sensorIndex[s];
            batch.Values[(row * ReadingRows.Sensors) + s] = index >= 0 ? reading.Value(index) : double.NaN;
        }

        batch.Extras[row] = reading.SensorCount > CountTutorial(reading) ? Extras(reading) : null;
        if (batch.IsFull)
        {
            Send(batch);
            _readings = _spareReadings.TryPop(out var spare) ? spare : new ReadingRows(BatchRows);
        }
    }

    public void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var batch = _windows;
        var row = batch.Count++;
        batch.Pump[row] = window.PumpId;
        batch.Start[row] = window.Start;
        batch.End[row] = window.End;
        batch.Readings[row] = window.Count;
        batch.Complete[row] = window.Complete;
        batch.Score[row] = window.Score;
        batch.Threshold[row] = window.Threshold;
        batch.ModelId[row] = window.ModelId;
        window.Features.AsSpan().CopyTo(batch.Features.AsSpan(row * batch.FeatureCount, batch.FeatureCount));
        if (batch.IsFull)
        {
            Send(batch);
            _windows = _spareWindows.TryPop(out var spare) ? spare : new WindowRows(BatchRows, _features.Count);
        }
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail) =>
        Send(new SingleRow("INSERT INTO quarantine VALUES ($1, $2, $3, $4, $5, $6)",
            [++_quarantined, pumpId, timestamp is { } t ? ToDateTime(t) : null, reason.Code(), detail, raw.IsEmpty ? null : Encoding.UTF8.GetString(raw)]));

    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        // Idempotent: the same event of the same alert (id, event, window end) written again replaces its row.
        if (!_alertRows.Add((alert.AlertId, alert.Kind.Code(), alert.WindowEnd)))
        {
            Send(new SingleRow("DELETE FROM alerts WHERE alert_id = $1 AND event = $2 AND window_end = $3",
                [alert.AlertId, alert.Kind.Code(), ToDateTime(alert.WindowEnd)]));
        }

        Send(new SingleRow("INSERT INTO alerts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        [
            alert.AlertId, alert.Kind.Code(), alert.PumpId, alert.Severity.ToString().ToLowerInvariant(),
            ToDateTime(alert.WindowStart), ToDateTime(alert.WindowEnd), alert.Score, alert.Threshold, alert.ModelId,
            AlertFormatter.ToJson(alert), AlertFormatter.ToText(alert),
        ]));
    }

    /// <summary>
    /// Hands over the partial batches and completes when the writer has committed everything. Checkpointed, it only
    /// closes the partial batches into the current shard's held work: durability comes with <see cref="CheckpointAsync"/>.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancel = default)
    {
        if (_checkpointed)
        {
            Seal();
            ThrowIfFailed();
            return;
        }

        await HandOver().WaitAsync(cancel).ConfigureAwait(false);
        ThrowIfFailed();
    }

    /// <summary>Checkpointed: the shard whose work the next sink calls are (its partial batches so far go to the shard before).</summary>
    public void BeginShard(string shardKey)
    {
        ArgumentNullException.ThrowIfNull(shardKey);
        if (!_checkpointed)
        {
            throw new InvalidOperationException("BeginShard needs a checkpointed store");
        }

        Seal();
        ref var held = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_held, shardKey, out _);
        _current = held ??= [];
    }

    /// <summary>
    /// Writes <paramref name="shardKey"/>'s held work, then runs <paramref name="checkpoint"/> on the writer's connection,
    /// and commits both in one transaction; returns the checkpoint's result once committed. Unchecked, it commits
    /// everything written so far with the checkpoint.
    /// </summary>
    public async Task<T> CheckpointAsync<T>(string shardKey, Func<DuckDBConnection, T> checkpoint, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(shardKey);
        ArgumentNullException.ThrowIfNull(checkpoint);
        Seal();
        if (_checkpointed && _held.TryGetValue(shardKey, out var held))
        {
            foreach (var work in held)
            {
                SendNow(work);
            }

            held.Clear();
        }

        var result = RunOnWriterAsync(checkpoint);
        await HandOver().WaitAsync(cancel).ConfigureAwait(false);
        ThrowIfFailed();
        return await result.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection after everything handed over before it, in the writer's
    /// open transaction when checkpointed (so it commits with the next checkpoint). For the state stores that share this
    /// file's transactions (<see cref="DuckDbShardStateStore"/>, <see cref="DuckDbAlertStateStore"/>).
    /// </summary>
    public Task<T> RunOnWriterAsync<T>(Func<DuckDBConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        SendNow(new WriterWork(c => work(c), done));
        return Unbox<T>(done.Task);
    }

    private static async Task<T> Unbox<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;

    // Closes the current partial batches into the work they belong to (held for the shard, or sent to the writer).
    private void Seal()
    {
        if (_readings.Count > 0)
        {
            Send(_readings);
            _readings = _spareReadings.TryPop(out var spare) ? spare : new ReadingRows(BatchRows);
        }

        if (_windows.Count > 0)
        {
            Send(_windows);
            _windows = _spareWindows.TryPop(out var spare) ? spare : new WindowRows(BatchRows, _features.Count);
        }
    }

    private Task HandOver()
    {
        Seal();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SendNow(new FlushRequest(done));
        return done.Task;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Checkpointed, what no checkpoint covered is dropped (the writer rolls back its open transaction): the
            // stream still has it, and the next run reads it again from the checkpoint.
            if (_failure is null && !_checkpointed)
            {
                HandOver().GetAwaiter().GetResult();
                ThrowIfFailed();
            }
        }
        finally
        {
            _work.CompleteAdding();
            _writer.Join();
            _work.Dispose();
            _connection.Dispose();
        }
    }

    // The sink's work: held for the current shard when checkpointed, else straight to the writer.
    private void Send(object work)
    {
        if (_checkpointed)
        {
            ThrowIfFailed();
            (_current ?? throw new InvalidOperationException("a checkpointed store needs BeginShard before the first write")).Add(work);
            return;
        }

        SendNow(work);
    }

    private void SendNow(object work)
    {
        ThrowIfFailed();

        // Blocks when the writer is PendingBatches items behind: back-pressure instead of unbounded buffering.
        _work.Add(work);
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new IOException($"{Path}: writing to DuckDB failed: {failure.Message}", failure);
        }
    }

    private void WriteLoop()
    {
        DuckDBAppender? readings = null;
        DuckDBAppender? windows = null;
        var uncommitted = 0;
        foreach (var work in _work.GetConsumingEnumerable())
        {
            if (_failure is not null)
            {
                // Already failed: drain without writing, so the pipeline never blocks on a dead writer.
                (work as FlushRequest)?.Done.TrySetResult();
                (work as WriterWork)?.Done.TrySetException(_failure);
                continue;
            }

            try
            {
                if (_checkpointed && !_inTransaction && work is not FlushRequest)
                {
                    Execute("BEGIN TRANSACTION");
                    _inTransaction = true;
                }

                switch (work)
                {
                    case ReadingRows batch:
                        readings ??= _connection.CreateAppender("reading_rows");
                        AppendReadings(readings, batch);
                        uncommitted += batch.Count;
                        batch.Count = 0;
                        _spareReadings.Push(batch);
                        break;
                    case WindowRows batch:
                        windows ??= _connection.CreateAppender("windows");
                        var rewrites = AppendWindows(windows, batch);
                        uncommitted += batch.Count;
                        if (rewrites is not null)
                        {
                            // Rare (a re-processed window): commit what was appended, then replace each such row.
                            Commit(ref readings, ref windows, ref uncommitted);
                            Rewrite(batch, rewrites);
                        }

                        batch.Count = 0;
                        _spareWindows.Push(batch);
                        break;
                    case SingleRow row:
                        Insert(row);
                        break;
                    case WriterWork run:
                        run.Done.SetResult(run.Run(_connection));
                        break;
                    case FlushRequest flush:
                        Commit(ref readings, ref windows, ref uncommitted);
                        if (_inTransaction)
                        {
                            _inTransaction = false;
                            Execute("COMMIT");
                        }

                        flush.Done.SetResult();
                        break;
                }

                if (uncommitted >= CommitRows)
                {
                    Commit(ref readings, ref windows, ref uncommitted);
                }
            }
            catch (Exception e)
            {
                // Not swallowed: the pipeline thread rethrows it from its next write or Flush (ThrowIfFailed).
                // Any exception counts, because a writer that died silently would leave the pipeline blocked.
                _failure = e;
                (work as FlushRequest)?.Done.TrySetResult();
                (work as WriterWork)?.Done.TrySetException(e);
            }
        }

        readings?.Dispose();
        windows?.Dispose();
        if (_inTransaction)
        {
            try
            {
                // Checkpointed work that no checkpoint covered: dropped, as a crash would drop it.
                Execute("ROLLBACK");
            }
            catch (DuckDBException) when (_failure is not null)
            {
                // The failed statement already ended the transaction; the failure itself was reported to the caller.
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Commit(ref DuckDBAppender? readings, ref DuckDBAppender? windows, ref int uncommitted)
    {
        readings?.Dispose();
        readings = null;
        windows?.Dispose();
        windows = null;
        uncommitted = 0;
    }

    // Gives a pump not seen before the next number, in the pumps table, before its first reading is appended.
    private int AddPump(string pumpId)
    {
        var number = _nextPumpNumber++;
        Insert(new SingleRow("INSERT INTO pumps VALUES ($1, $2)", [number, pumpId]));
        _pumpNumbers.Add(pumpId, number);
        return number;
    }

    private void AppendReadings(DuckDBAppender appender, ReadingRows batch)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            if (!_pumpNumbers.TryGetValue(batch.Pump[r], out var pump))
            {
                pump = AddPump(batch.Pump[r]);
            }

            var row = appender.CreateRow().AppendValue(pump).AppendValue(ToDateTime(batch.Time[r]));
            for (var s = 0; s < ReadingRows.Sensors; s++)
            {
                var value = batch.Values[(r * ReadingRows.Sensors) + s];
                row = double.IsNaN(value) ? row.AppendNullValue() : row.AppendValue(value);
            }

            row.AppendValue(batch.Extras[r]).EndRow();
        }
    }

    /// <summary>
    /// Appends each window newer than every window of its pump written so far (the stream's normal order) and returns the
    /// rows that may repeat an earlier one, for <see cref="Rewrite"/>; null when there are none. Windows of one pump close
    /// in end order, so "not newer" means re-processed (or out of order), never lost.
    /// </summary>
    private List<int>? AppendWindows(DuckDBAppender appender, WindowRows batch)
    {
        List<int>? rewrites = null;
        for (var r = 0; r < batch.Count; r++)
        {
            ref var newest = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_windowEnds, batch.Pump[r], out var seen);
            if (seen && batch.End[r] <= newest)
            {
                (rewrites ??= []).Add(r);
                continue;
            }

            newest = batch.End[r];
            var row = appender.CreateRow().AppendValue(batch.Pump[r]).AppendValue(ToDateTime(batch.Start[r])).AppendValue(ToDateTime(batch.End[r]))
                .AppendValue(batch.Readings[r]).AppendValue(batch.Complete[r]);
            row = double.IsNaN(batch.Score[r])
                ? row.AppendNullValue().AppendNullValue().AppendNullValue()
                : row.AppendValue(batch.Score[r]).AppendValue(batch.Threshold[r]).AppendValue(batch.ModelId[r]);
            for (var f = 0; f < batch.FeatureCount; f++)
            {
                var value = batch.Features[(r * batch.FeatureCount) + f];
                row = double.IsFinite(value) ? row.AppendValue(value) : row.AppendNullValue();
            }

            row.EndRow();
        }

        return rewrites;
    }

    /// <summary>Replaces the stored row of each given window (same pump, start and end) with the batch's, or adds it.</summary>
    private void Rewrite(WindowRows batch, List<int> rows)
    {
        var values = new object?[8 + batch.FeatureCount];
        var insert = "INSERT INTO windows VALUES (" + string.Join(", ", Enumerable.Range(1, values.Length).Select(i => $"${i}")) + ")";
        foreach (var r in rows)
        {
            Insert(new SingleRow("DELETE FROM windows WHERE pump_id = $1 AND window_start = $2 AND window_end = $3",
                [batch.Pump[r], ToDateTime(batch.Start[r]), ToDateTime(batch.End[r])]));
            var scored = !double.IsNaN(batch.Score[r]);
            values[0] = batch.Pump[r];
            values[1] = ToDateTime(batch.Start[r]);
            values[2] = ToDateTime(batch.End[r]);
            values[3] = batch.Readings[r];
            values[4] = batch.Complete[r];
            values[5] = scored ? batch.Score[r] : null;
            values[6] = scored ? batch.Threshold[r] : null;
            values[7] = scored ? batch.ModelId[r] : null;
            for (var f = 0; f < batch.FeatureCount; f++)
            {
                var value = batch.Features[(r * batch.FeatureCount) + f];
                values[8 + f] = double.IsFinite(value) ? value : null;
            }

            Insert(new SingleRow(insert, values));
            ref var newest = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_windowEnds, batch.Pump[r], out _);
            newest = Math.Max(newest, batch.End[r]);
        }
    }

    private void Insert(SingleRow row)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = row.Sql;
        foreach (var value in row.Values)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        command.ExecuteNonQuery();
    }

    private void MapCatalog(SensorCatalog catalog)
    {
        _catalog = catalog;
        for (var i = 0; i < TutorialColumns.Count; i++)
        {
            _sensorIndex[i] = catalog.TryGetIndex(TutorialColumns[i], out var index) ? index : -1;
        }
    }

    private int CountTutorial(ParsedReading reading)
    {
        var count = 0;
        foreach (var index in _sensorIndex)
        {
            count += index >= 0 && !double.IsNaN(reading.Value(index)) ? 1 : 0;
        }

        return count;
    }

    private string Extras(ParsedReading reading)
    {
        var extras = new StringBuilder("{");
        foreach (var index in reading.Sensors)
        {
            if (Array.IndexOf(_sensorIndex, index) >= 0)
            {
                continue;
            }

            if (extras.Length > 1)
            {
                extras.Append(", ");
            }

            extras.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(_catalog![index].Name).ToString()).Append("\": ").Append(reading.Value(index).ToString("R", CultureInfo.InvariantCulture));
        }

        return extras.Append('}').ToString();
    }

    private static DateTime ToDateTime(long micros) => EventTime.ToDateTimeOffset(micros).UtcDateTime;

    /// <summary>
    /// The readings view: reading_rows with each pump's id from the pumps table. Storing a small pump number instead of
    /// the id string per reading saves DuckDB about 0.5 us of CPU per reading (string statistics, hashing and dictionary
    /// compression of a column that repeats a few hundred values). A file written before (a readings table holding the
    /// ids) is moved into this form once, in one transaction, so every reading it held stays readable.
    /// </summary>
    private static void CreateReadingsView(DuckDBCommand command)
    {
        const string View = """
            CREATE VIEW readings AS SELECT p.pump_id, r.time, r.temperature, r.pressure, r.flow_rate, r.vibration, r.extras
            FROM reading_rows r JOIN pumps p ON p.pump_no = r.pump_no
            """;
        command.CommandText = "SELECT table_type FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'readings'";
        switch (command.ExecuteScalar() as string)
        {
            case "VIEW":
                return;
            case null:
                command.CommandText = View;
                command.ExecuteNonQuery();
                return;
            default:
                command.CommandText = $"""
                    BEGIN TRANSACTION;
                    INSERT INTO pumps SELECT row_number() OVER (ORDER BY pump_id) - 1, pump_id FROM (SELECT DISTINCT pump_id FROM readings);
                    INSERT INTO reading_rows SELECT p.pump_no, r.time, r.temperature, r.pressure, r.flow_rate, r.vibration, r.extras
                        FROM readings r JOIN pumps p ON p.pump_id = r.pump_id ORDER BY r.rowid;
                    DROP TABLE readings;
                    {View};
                    COMMIT;
                    """;
                command.ExecuteNonQuery();
                return;
        }
    }

    private void CreateTables()
    {
        var features = string.Concat(_features.Select(f => $", {Quote(f)} DOUBLE"));
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SET memory_limit = '{MemoryLimit}';
            CREATE TABLE IF NOT EXISTS pumps (pump_no INTEGER NOT NULL, pump_id VARCHAR NOT NULL);
            CREATE TABLE IF NOT EXISTS reading_rows (pump_no INTEGER NOT NULL, time TIMESTAMP NOT NULL, temperature DOUBLE, pressure DOUBLE, flow_rate DOUBLE, vibration DOUBLE, extras VARCHAR);
            CREATE TABLE IF NOT EXISTS windows (pump_id VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL, readings INTEGER, complete BOOLEAN, score DOUBLE, threshold DOUBLE, model_id VARCHAR{features});
            CREATE TABLE IF NOT EXISTS alerts (alert_id VARCHAR, event VARCHAR, pump_id VARCHAR, severity VARCHAR, window_start TIMESTAMP, window_end TIMESTAMP, score DOUBLE, threshold DOUBLE, model_id VARCHAR, json VARCHAR, text VARCHAR);
            CREATE TABLE IF NOT EXISTS quarantine (seq BIGINT, pump_id VARCHAR, time TIMESTAMP, reason VARCHAR, detail VARCHAR, raw VARCHAR);
            """;
        command.ExecuteNonQuery();
        CreateReadingsView(command);
        command.CommandText = "SELECT pump_no, pump_id FROM pumps";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _pumpNumbers[reader.GetString(1)] = reader.GetInt32(0);
                _nextPumpNumber = Math.Max(_nextPumpNumber, reader.GetInt32(0) + 1);
            }
        }

        command.CommandText = "SELECT coalesce(max(seq), 0) FROM quarantine";
        _quarantined = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = "SELECT pump_id, epoch_us(max(window_end)) FROM windows GROUP BY pump_id";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _windowEnds[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        // Rows a DELETE could match: NULL never compares equal.
        command.CommandText = "SELECT alert_id, event, epoch_us(window_end) FROM alerts WHERE alert_id IS NOT NULL AND event IS NOT NULL AND window_end IS NOT NULL";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                _alertRows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }
    }
}

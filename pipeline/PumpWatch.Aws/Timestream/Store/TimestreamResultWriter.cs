using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// The write side of the Timestream store: readings, windows (features and score), alert events and quarantined records
/// become multi-measure records of the <see cref="TimestreamSchema"/> tables, buffered until <see cref="FlushAsync"/>
/// writes them with WriteRecords (100 per call, a few calls in flight, see <see cref="TimestreamWriteBatcher"/>).
/// </summary>
/// <remarks>
/// <para><b>Versions.</b> Every record carries Version = the writer's clock when the sink received it, in microseconds since
/// the epoch, raised by one where needed so that no two records of one writer share a version. So: the same write sent
/// again (a flush retried after a failure, a call repeated after a lost answer) has the same version, and Timestream either
/// accepts the identical record or refuses it with ExistingVersion equal to ours, which counts as written; a window
/// recomputed later (re-processing, a new model) gets a later version and replaces the stored row, as the store contract
/// asks; an older computation arriving after a newer one is refused (ExistingVersion greater) and reported instead of
/// overwriting newer results. A version identifies one computation, which is what makes "same version, so same values"
/// true. Re-processing the same input later also gets a later version: it rewrites identical values, which is harmless.</para>
/// <para><b>Failures.</b> Rows refused by the service (or over a limit) are reported in <see cref="LastFlush"/> and one
/// warning line, never retried or thrown: they would be refused again. A call that fails for good makes FlushAsync throw
/// and keeps every pending row, with its version, for the next flush.</para>
/// <para>Not thread-safe: one host thread calls the sink methods and FlushAsync in turn. Each row is an object: this sink
/// is bound by the network, not by allocation.</para>
/// </remarks>
public sealed class TimestreamResultWriter : IResultWriter
{
    /// <summary>A quarantine detail is cut to this many UTF-8 bytes, leaving the record's room for the raw text.</summary>
    public const int MaxDetailBytes = 512;

    private readonly TimestreamWriteBatcher _batcher;
    private readonly TimestreamStoreOptions _options;
    private readonly IReadOnlyList<string> _features;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PendingTable _readings;
    private readonly PendingTable _windows;
    private readonly PendingTable _alerts;
    private readonly PendingTable _quarantine;
    private readonly PendingTable[] _tables;
    private readonly Dictionary<string, Dimension[]> _pumpDimensions = new(StringComparer.Ordinal);
    private long _lastVersion;

    /// <param name="client">The Timestream Write client.</param>
    /// <param name="options">Database, site, calls in flight.</param>
    /// <param name="featureNames">The window features to store, in <see cref="ScoredWindow.Features"/> order.</param>
    /// <param name="timeProvider">The clock versions and quarantine arrival stamps come from.</param>
    /// <param name="logger">Receives one warning per flush that had rows refused.</param>
    public TimestreamResultWriter(ITimestreamWriteClient client, TimestreamStoreOptions options, IReadOnlyList<string> featureNames, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(options.DatabaseName);
        ArgumentException.ThrowIfNullOrEmpty(options.Site);
        ArgumentException.ThrowIfNullOrEmpty(options.ReadingsTable);
        _batcher = new TimestreamWriteBatcher(client, options.MaxConcurrentWrites);
        _options = options;
        _features = featureNames;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _readings = new PendingTable(options.ReadingsTable, TimestreamSchema.ReadingMeasure, options.Site);
        _windows = new PendingTable(TimestreamSchema.WindowsTable, TimestreamSchema.WindowMeasure, options.Site);
        _alerts = new PendingTable(TimestreamSchema.AlertsTable, TimestreamSchema.AlertMeasure, options.Site);
        _quarantine = new PendingTable(TimestreamSchema.QuarantineTable, TimestreamSchema.QuarantineMeasure, options.Site);
        _tables = [_readings, _windows, _alerts, _quarantine];
    }

    /// <summary>Rows waiting for the next flush.</summary>
    public int Pending => _readings.Count + _windows.Count + _alerts.Count + _quarantine.Count;

    /// <summary>What the last successful flush did (null before the first).</summary>
    public TimestreamFlushResult? LastFlush { get; private set; }

    public void OnReading(ParsedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var catalog = reading.Catalog ?? throw new ArgumentException("reading has no sensor catalog", nameof(reading));
        var values = new List<MeasureValue>(reading.SensorCount);
        foreach (var index in reading.Sensors)
        {
            AddDouble(values, catalog[index].Name, reading.Value(index));
        }

        // A multi-measure record needs at least one measure; the pipeline quarantines readings without values anyway.
        if (values.Count > 0)
        {
            var time = Text(reading.Timestamp);
            _readings.Add(reading.PumpId, time, new Record { Dimensions = PumpDimension(reading.PumpId), Time = time, Version = NextVersion(), MeasureValues = values });
        }
    }

    public void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var values = new List<MeasureValue>(6 + _features.Count)
        {
            new(TimestreamSchema.WindowEnd, Text(window.End), MeasureValueType.Bigint),
            new(TimestreamSchema.ReadingCount, Text(window.Count), MeasureValueType.Bigint),
            new(TimestreamSchema.Complete, window.Complete ? "true" : "false", MeasureValueType.Boolean),
        };
        if (!double.IsNaN(window.Score))
        {
            AddDouble(values, TimestreamSchema.Score, window.Score);
            AddDouble(values, TimestreamSchema.Threshold, window.Threshold);
            AddText(values, TimestreamSchema.ModelId, window.ModelId);
        }

        for (var i = 0; i < _features.Count && i < window.Features.Length; i++)
        {
            AddDouble(values, _features[i], window.Features[i]);
        }

        var time = Text(window.Start);
        _windows.Add(window.PumpId, time, new Record { Dimensions = PumpDimension(window.PumpId), Time = time, Version = NextVersion(), MeasureValues = values });
    }

    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var values = new List<MeasureValue>(6)
        {
            new(TimestreamSchema.WindowStart, Text(alert.WindowStart), MeasureValueType.Bigint),
            new(TimestreamSchema.Severity, alert.Severity.ToString().ToLowerInvariant(), MeasureValueType.Varchar),
        };
        AddDouble(values, TimestreamSchema.Score, alert.Score);
        AddDouble(values, TimestreamSchema.Threshold, alert.Threshold);
        AddText(values, TimestreamSchema.ModelId, alert.ModelId);
        AddText(values, TimestreamSchema.TopFeature, alert.TopFeatures is { Count: > 0 } top ? top[0].Feature : null);
        var time = Text(alert.WindowEnd);
        var kind = alert.Kind.Code();
        _alerts.Add(alert.PumpId, alert.AlertId + "\n" + kind + "\n" + time, new Record
        {
            Dimensions = [.. PumpDimension(alert.PumpId) ?? [], new Dimension(TimestreamSchema.AlertId, alert.AlertId), new Dimension(TimestreamSchema.AlertEvent, kind)],
            Time = time,
            Version = NextVersion(),
            MeasureValues = values,
        });
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
        // The arrival stamp is also the row's time: unique per writer, so no two quarantined records replace each other.
        var version = NextVersion();
        var values = new List<MeasureValue>(5);
        if (timestamp is { } eventTime)
        {
            values.Add(new(TimestreamSchema.EventTime, Text(eventTime), MeasureValueType.Bigint));
        }

        values.Add(new(TimestreamSchema.Reason, reason.Code(), MeasureValueType.Varchar));
        AddText(values, TimestreamSchema.Detail, detail is null ? null : Utf8Text.Prefix(detail, MaxDetailBytes));
        var time = Text(version);
        var record = new Record { Dimensions = PumpDimension(pumpId), Time = time, Version = version, MeasureValues = values };
        if (!raw.IsEmpty)
        {
            values.Add(new(TimestreamSchema.RawBytes, Text(raw.Length), MeasureValueType.Bigint));
            // Whatever room the 2 KB record limit leaves after everything else (the raw attribute's name included).
            var room = TimestreamWriteBatcher.MaxRecordBytes - RecordSize.Of(_quarantine.CommonAttributes, record)
                - Encoding.UTF8.GetByteCount(TimestreamSchema.Raw);
            AddText(values, TimestreamSchema.Raw, Utf8Text.Prefix(Encoding.UTF8.GetString(raw), room));
        }

        _quarantine.Add(pumpId, time, record);
    }

    /// <summary>Writes everything pending; refused rows are in <see cref="LastFlush"/>, a call that failed for good throws here.</summary>
    public Task FlushAsync(CancellationToken cancel = default) => FlushAndReportAsync(cancel);

    /// <summary>
    /// Writes everything pending and says what happened. On success the pending rows are gone (written, already stored or
    /// refused); on an exception they all stay pending, with their versions, so the next flush sends them again.
    /// </summary>
    public async Task<TimestreamFlushResult> FlushAndReportAsync(CancellationToken cancel = default)
    {
        var groups = new List<TimestreamRecordGroup>();
        foreach (var table in _tables)
        {
            table.AppendTo(groups);
        }

        var written = groups.Count == 0
            ? TimestreamWriteResult.Empty
            : await _batcher.WriteAsync(_options.DatabaseName, groups, cancel).ConfigureAwait(false);
        var rejected = new List<RejectedRow>(written.Rejected.Count);
        foreach (var refusal in written.Rejected)
        {
            var group = groups[refusal.Group];
            var record = group.Records[refusal.Index];
            var time = long.Parse(record.Time!, CultureInfo.InvariantCulture);
            var pump = record.Dimensions?.FirstOrDefault(d => d.Name == TimestreamSchema.PumpId)?.Value;
            rejected.Add(new RejectedRow(group.TableName, pump, time, refusal.Reason, refusal.ExistingVersion));
        }

        foreach (var table in _tables)
        {
            table.Clear();
        }

        var result = new TimestreamFlushResult(written.Written, written.AlreadyStored, rejected, written.Calls);
        LastFlush = result;
        if (rejected.Count > 0)
        {
            var first = rejected[0];
            AwsLog.RowsRejected(_logger, rejected.Count, written.Written + written.AlreadyStored + rejected.Count, written.Calls, first.Table, first.PumpId, first.Reason);
        }

        return result;
    }

    /// <summary>The writer's clock in microseconds, strictly increasing from record to record.</summary>
    private long NextVersion()
    {
        var now = EventTime.FromDateTimeOffset(_time.GetUtcNow());
        _lastVersion = Math.Max(now, _lastVersion + 1);
        return _lastVersion;
    }

    /// <summary>The record's own pump_id dimension (one array per pump, shared by its records); none when the pump is unknown.</summary>
    private Dimension[]? PumpDimension(string? pumpId)
    {
        if (string.IsNullOrEmpty(pumpId))
        {
            return null;
        }

        if (!_pumpDimensions.TryGetValue(pumpId, out var dimensions))
        {
            _pumpDimensions[pumpId] = dimensions = [new Dimension(TimestreamSchema.PumpId, pumpId)];
        }

        return dimensions;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A DOUBLE measure; NaN and infinities are left out (Timestream cannot store them; reading back gives NaN).</summary>
    private static void AddDouble(List<MeasureValue> values, string name, double value)
    {
        if (double.IsFinite(value))
        {
            values.Add(new MeasureValue(name, value.ToString("R", CultureInfo.InvariantCulture), MeasureValueType.Double));
        }
    }

    /// <summary>A VARCHAR measure; an empty or missing text is left out (a measure value needs at least one character).</summary>
    private static void AddText(List<MeasureValue> values, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values.Add(new MeasureValue(name, value, MeasureValueType.Varchar));
        }
    }
}

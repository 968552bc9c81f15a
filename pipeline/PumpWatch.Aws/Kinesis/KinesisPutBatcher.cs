using System.Text;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Aws.Kinesis;

/// <summary>
/// Puts any number of records with PutRecords: packs them in order into calls of at most 500 records and
/// 5 MiB (data plus partition keys, the service's limits), resends only the entries a call reports as failed
/// (per-entry ErrorCode), in their original order, and backs off with full jitter when entries were throttled.
/// </summary>
/// <remarks>
/// Ordering: Kinesis orders records per shard by arrival. A resent entry lands after entries of the same pump
/// that succeeded in the same call, so after a partial failure a pump's records can arrive out of order; the
/// pipeline orders by event time (readings carry their timestamp) and tolerates that within its lateness.
/// </remarks>
public sealed class KinesisPutBatcher
{
    /// <summary>PutRecords limit on entries per call (PutRecordsRequestEntryList max 500).</summary>
    public const int MaxRecordsPerCall = 500;

    /// <summary>PutRecords limit on one call's data and partition keys: 5 MiB.</summary>
    public const int MaxBytesPerCall = 5 * 1024 * 1024;

    /// <summary>Limit on one record's data and partition key: 1 MiB (shape Data, max 1048576).</summary>
    public const int MaxBytesPerRecord = 1024 * 1024;

    private readonly IKinesisClient _client;
    private readonly AwsRetryPolicy _retry;

    /// <param name="client">The Kinesis client (its own retries cover whole-call failures).</param>
    /// <param name="retry">Backoff, attempt limit and budget for resending failed entries.</param>
    public KinesisPutBatcher(IKinesisClient client, AwsRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(retry);
        _client = client;
        _retry = retry;
    }

    /// <summary>A record for one pump's reading: the partition key is the pump id, so a pump's readings share a shard.</summary>
    public static PutRecordsRequestEntry ForReading(string pumpId, ReadOnlyMemory<byte> readingJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(pumpId);
        return new PutRecordsRequestEntry(readingJson, pumpId);
    }

    /// <summary>
    /// Puts every entry to <paramref name="streamName"/>. Entries still failing when the attempt limit or budget
    /// runs out are returned in <see cref="KinesisPutResult.Failed"/>, not thrown: the caller decides (dead letter, retry later).
    /// </summary>
    public async Task<KinesisPutResult> PutAsync(string streamName, IReadOnlyList<PutRecordsRequestEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        ArgumentNullException.ThrowIfNull(entries);
        var failed = new List<FailedPut>();
        var calls = 0;
        var resent = 0;
        var throttled = 0;
        var start = 0;
        while (start < entries.Count)
        {
            var count = TakeBatch(entries, start);
            var outcome = await PutOneBatchAsync(streamName, entries, start, count, cancellationToken).ConfigureAwait(false);
            calls += outcome.Calls;
            resent += outcome.Resent;
            throttled += outcome.Throttled;
            failed.AddRange(outcome.Failed);
            start += count;
        }

        return new KinesisPutResult(entries.Count - failed.Count, failed, calls, resent) { Throttled = throttled };
    }

    /// <summary>How many entries from <paramref name="start"/> fit into one call.</summary>
    internal static int TakeBatch(IReadOnlyList<PutRecordsRequestEntry> entries, int start)
    {
        var bytes = 0L;
        var count = 0;
        while (start + count < entries.Count && count < MaxRecordsPerCall)
        {
            var size = SizeOf(entries[start + count]);
            if (size > MaxBytesPerRecord)
            {
                throw new ArgumentException($"record {start + count} has {size} bytes of data and partition key; Kinesis takes at most {MaxBytesPerRecord}", nameof(entries));
            }

            if (bytes + size > MaxBytesPerCall)
            {
                break;
            }

            bytes += size;
            count++;
        }

        return count;
    }

    /// <summary>What counts towards the limits: the data before base64 plus the partition key's UTF-8 bytes.</summary>
    internal static int SizeOf(PutRecordsRequestEntry entry) => entry.Data.Length + Encoding.UTF8.GetByteCount(entry.PartitionKey);

    private async Task<BatchOutcome> PutOneBatchAsync(string streamName, IReadOnlyList<PutRecordsRequestEntry> entries, int start, int count, CancellationToken cancellationToken)
    {
        // Indices into entries, in their original order; each round keeps only those that failed.
        var pending = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            pending.Add(start + i);
        }

        var calls = 0;
        var resent = 0;
        var throttledEntries = 0;
        var waited = TimeSpan.Zero;
        List<FailedPut> lastFailures = [];
        while (true)
        {
            var batch = new PutRecordsRequestEntry[pending.Count];
            for (var i = 0; i < pending.Count; i++)
            {
                batch[i] = entries[pending[i]];
            }

            calls++;
            var response = await _client.PutRecordsAsync(new PutRecordsRequest(batch) { StreamName = streamName }, cancellationToken).ConfigureAwait(false);
            if (response.Records.Count != batch.Length)
            {
                throw new InvalidOperationException($"PutRecords answered {response.Records.Count} results for {batch.Length} records");
            }

            var stillPending = new List<int>();
            lastFailures = [];
            var throttled = false;
            for (var i = 0; i < batch.Length; i++)
            {
                var result = response.Records[i];
                if (result.ErrorCode is { } code)
                {
                    stillPending.Add(pending[i]);
                    lastFailures.Add(new FailedPut(pending[i], code, result.ErrorMessage));
                    if (RetryClassifier.IsThrottling(code))
                    {
                        throttled = true;
                        throttledEntries++;
                    }
                }
            }

            if (stillPending.Count == 0 || !_retry.TryGetDelay(calls, waited, out var delay))
            {
                return new BatchOutcome(calls, resent, throttledEntries, lastFailures);
            }

            // Back-pressure: throttled entries mean the shard is at its write limit, so wait before resending;
            // an InternalFailure alone is resent at once.
            if (throttled)
            {
                waited += delay;
                await _retry.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }

            resent += stillPending.Count;
            pending = stillPending;
        }
    }

    private readonly record struct BatchOutcome(int Calls, int Resent, int Throttled, List<FailedPut> Failed);
}

using System.Globalization;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// Writes any number of records with WriteRecords: each group is split in order into calls of at most 100 records, at
/// most <see cref="MaxConcurrentCalls"/> calls in flight. A call that fails as a whole (throttling, 5xx) is retried by the
/// client within its budget; when a call refuses some records (RejectedRecordsException) the rest of that call counts as
/// written and the refused ones are returned with their reasons, mapped back to the caller's group and index, never
/// resent: a refusal is about the data (stale version, outside retention, a limit), which another try does not change.
/// </summary>
/// <remarks>
/// A refusal whose ExistingVersion equals the record's own version means the service already holds this very record: an
/// earlier attempt wrote it and its answer was lost, so it counts as stored (<see cref="TimestreamWriteResult.AlreadyStored"/>).
/// That rule is sound only if a version is never reused for other values, which the writer's versioning guarantees
/// (see <c>TimestreamResultWriter</c>). Records over the limits below are refused here, before sending.
/// </remarks>
public sealed class TimestreamWriteBatcher
{
    /// <summary>Records per WriteRecords call: shape Records has length 1..100; "Records per WriteRecords API request: 100" (Timestream developer guide, Quotas).</summary>
    public const int MaxRecordsPerCall = 100;

    /// <summary>"Maximum record size: 2 KB" (Quotas), counted as in "Metering and pricing: Writes".</summary>
    public const int MaxRecordBytes = 2048;

    /// <summary>Measures in one multi-measure record: 256 (Quotas, "Measures per multi-measure record").</summary>
    public const int MaxMeasuresPerRecord = 256;

    private readonly ITimestreamWriteClient _client;

    /// <param name="client">The Timestream Write client (its own retries cover whole-call failures).</param>
    /// <param name="maxConcurrentCalls">WriteRecords calls in flight at once (at least 1).</param>
    public TimestreamWriteBatcher(ITimestreamWriteClient client, int maxConcurrentCalls = 4)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrentCalls);
        _client = client;
        MaxConcurrentCalls = maxConcurrentCalls;
    }

    public int MaxConcurrentCalls { get; }

    /// <summary>
    /// Writes every group to <paramref name="databaseName"/>. Refused records come back in the result; a call that fails
    /// for good throws its <see cref="Http.AwsServiceException"/> once the calls already in flight have finished, and no
    /// new call starts after it (the caller retries the whole write: versions make that idempotent).
    /// </summary>
    public async Task<TimestreamWriteResult> WriteAsync(string databaseName, IReadOnlyList<TimestreamRecordGroup> groups, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        ArgumentNullException.ThrowIfNull(groups);
        var refused = new List<RejectedWrite>();
        var calls = Plan(groups, refused);
        var outcomes = new CallOutcome[calls.Count];
        var tasks = new List<Task>(calls.Count);
        var failed = 0;
        using (var gate = new SemaphoreSlim(MaxConcurrentCalls))
        {
            try
            {
                for (var c = 0; c < calls.Count; c++)
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (Volatile.Read(ref failed) != 0)
                    {
                        gate.Release();
                        break;
                    }

                    tasks.Add(RunAsync(c, gate));
                }
            }
            finally
            {
                // Never leave calls running behind the caller's back, whatever stopped the loop.
                await Task.WhenAll(tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var written = 0;
        var alreadyStored = 0;
        foreach (var outcome in outcomes)
        {
            written += outcome.Written;
            alreadyStored += outcome.AlreadyStored;
            refused.AddRange(outcome.Rejected);
        }

        refused.Sort((a, b) => a.Group != b.Group ? a.Group.CompareTo(b.Group) : a.Index.CompareTo(b.Index));
        return new TimestreamWriteResult(written, alreadyStored, refused, calls.Count);

        async Task RunAsync(int index, SemaphoreSlim gate)
        {
            try
            {
                outcomes[index] = await SendAsync(databaseName, groups[calls[index].Group], calls[index], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not swallowed: recorded so that no new call starts, and rethrown through WhenAll.
                Volatile.Write(ref failed, 1);
                throw;
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Splits each group's sendable records, in order, into calls of at most 100; records over a limit go to <paramref name="refused"/>.</summary>
    internal static List<PlannedCall> Plan(IReadOnlyList<TimestreamRecordGroup> groups, List<RejectedWrite> refused)
    {
        var calls = new List<PlannedCall>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var pending = new List<int>(Math.Min(group.Records.Count, MaxRecordsPerCall));
            for (var i = 0; i < group.Records.Count; i++)
            {
                if (Refusal(group.CommonAttributes, group.Records[i]) is { } reason)
                {
                    refused.Add(new RejectedWrite(g, i, reason, null));
                    continue;
                }

                pending.Add(i);
                if (pending.Count == MaxRecordsPerCall)
                {
                    calls.Add(new PlannedCall(g, [.. pending]));
                    pending.Clear();
                }
            }

            if (pending.Count > 0)
            {
                calls.Add(new PlannedCall(g, [.. pending]));
            }
        }

        return calls;
    }

    private static string? Refusal(Record? common, Record record)
    {
        var measures = RecordSize.MeasureCount(common, record);
        if (measures > MaxMeasuresPerRecord)
        {
            return string.Create(CultureInfo.InvariantCulture, $"not sent: {measures} measures; a multi-measure record holds at most {MaxMeasuresPerRecord}");
        }

        var size = RecordSize.Of(common, record);
        return size > MaxRecordBytes
            ? string.Create(CultureInfo.InvariantCulture, $"not sent: {size} bytes with its common attributes; Timestream takes records of at most {MaxRecordBytes}")
            : null;
    }

    private async Task<CallOutcome> SendAsync(string databaseName, TimestreamRecordGroup group, PlannedCall call, CancellationToken cancellationToken)
    {
        var records = new Record[call.Indices.Length];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = group.Records[call.Indices[i]];
        }

        var request = new WriteRecordsRequest(databaseName, group.TableName, records) { CommonAttributes = group.CommonAttributes };
        try
        {
            await _client.WriteRecordsAsync(request, cancellationToken).ConfigureAwait(false);
            return new CallOutcome(records.Length, 0, []);
        }
        catch (RejectedRecordsException e)
        {
            var seen = new HashSet<int>();
            var alreadyStored = 0;
            var rejected = new List<RejectedWrite>();
            foreach (var refusal in e.RejectedRecords)
            {
                if (refusal.RecordIndex < 0 || refusal.RecordIndex >= records.Length)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{group.TableName}: WriteRecords rejected record {refusal.RecordIndex} of a call with {records.Length} records (request id {e.RequestId ?? "none"})"), e);
                }

                if (!seen.Add(refusal.RecordIndex))
                {
                    continue;
                }

                var version = records[refusal.RecordIndex].Version ?? group.CommonAttributes?.Version;
                if (refusal.ExistingVersion is { } existing && existing == version)
                {
                    alreadyStored++;
                }
                else
                {
                    rejected.Add(new RejectedWrite(call.Group, call.Indices[refusal.RecordIndex], refusal.Reason ?? "", refusal.ExistingVersion));
                }
            }

            return new CallOutcome(records.Length - seen.Count, alreadyStored, rejected);
        }
    }

    /// <summary>One WriteRecords call: the group and the indices of its records, in order.</summary>
    internal sealed record PlannedCall(int Group, int[] Indices);

    private readonly record struct CallOutcome(int Written, int AlreadyStored, List<RejectedWrite> Rejected);
}

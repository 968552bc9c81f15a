using System.Globalization;
using System.Text;
using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// <c>--sink kinesis</c>: PutRecords through <see cref="KinesisPutBatcher"/>, the pump id as partition key (a pump's
/// readings share a shard). Records wait in one call's worth (500) and go out when it is full or on a flush; calls
/// are made one at a time, so a throttled stream slows the simulator down (the batcher backs off) instead of
/// piling up records in memory.
/// </summary>
internal sealed class KinesisSink : IReadingSink
{
    private readonly HttpClient _http;
    private readonly KinesisPutBatcher _batcher;
    private readonly string _stream;
    private readonly SinkThroughput _throughput;
    private readonly List<PutRecordsRequestEntry> _pending = new(KinesisPutBatcher.MaxRecordsPerCall);
    private readonly Uri _endpoint;
    private long _calls;
    private long _throttled;
    private long _resent;
    private long _failed;
    private string? _lastFailure;

    private KinesisSink(HttpClient http, KinesisPutBatcher batcher, string stream, Uri endpoint, SinkThroughput throughput)
    {
        _http = http;
        _batcher = batcher;
        _stream = stream;
        _endpoint = endpoint;
        _throughput = throughput;
    }

    /// <summary>Builds the client and checks that the stream exists and takes records, so a wrong name or endpoint fails before the first reading.</summary>
    /// <param name="settings">Stream, region, endpoint override.</param>
    /// <param name="credentials">From the AWS credential chain (composition root).</param>
    /// <param name="jitter">Seeded source of the retries' backoff jitter.</param>
    /// <param name="time">Clock for signing, timeouts, backoff and the rate.</param>
    /// <param name="log">Where progress and the closing line go (standard error).</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<KinesisSink> OpenAsync(KinesisSinkSettings settings, AWSCredentials credentials, Random jitter, TimeProvider time, TextWriter log, CancellationToken cancellationToken)
    {
        var options = new AwsClientOptions(settings.Region, credentials) { ServiceUrl = settings.Endpoint };
        var endpoint = options.EndpointFor("kinesis");
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var retry = new AwsRetryPolicy(options, jitter, timeProvider: time);
            var client = new KinesisClient(http, options, retry, time);
            await CheckStreamAsync(client, settings.StreamName, endpoint, cancellationToken).ConfigureAwait(false);
            var throughput = new SinkThroughput($"kinesis stream '{settings.StreamName}'", "records", time, log);
            return new KinesisSink(http, new KinesisPutBatcher(client, retry), settings.StreamName, endpoint, throughput);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async ValueTask WriteAsync(SimulatedRecord record, CancellationToken cancellationToken)
    {
        _throughput.Start();
        // A malformed line still goes under its pump's key: the device knows who it is even when its message is broken.
        _pending.Add(KinesisPutBatcher.ForReading(record.Reading.PumpId, Encoding.UTF8.GetBytes(record.ToLine())));
        if (_pending.Count == KinesisPutBatcher.MaxRecordsPerCall)
        {
            await SendAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await SendAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await SendAsync(cancellationToken).ConfigureAwait(false);
        await _throughput.ReportFinalAsync(Details()).ConfigureAwait(false);
        if (_failed > 0)
        {
            throw new SinkFailedException(string.Create(CultureInfo.InvariantCulture,
                $"records not accepted by Kinesis stream '{_stream}' after retries: {_failed} (last error {_lastFailure})"));
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        KinesisPutResult result;
        try
        {
            result = await _batcher.PutAsync(_stream, _pending, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new SinkFailedException(Describe(e, _stream, _endpoint), e);
        }

        _pending.Clear();
        _throughput.Add(result.Succeeded);
        _calls += result.Calls;
        _throttled += result.Throttled;
        _resent += result.Resent;
        _failed += result.Failed.Count;
        if (result.Failed.Count > 0)
        {
            _lastFailure = $"{result.Failed[^1].ErrorCode}: {result.Failed[^1].ErrorMessage}";
        }

        await _throughput.ReportIfDueAsync(Details()).ConfigureAwait(false);
    }

    private string Details() => string.Create(CultureInfo.InvariantCulture,
        $", {_calls} PutRecords calls, {_throttled} entries throttled, {_resent} resent, {_failed} not accepted");

    private static async Task CheckStreamAsync(KinesisClient client, string stream, Uri endpoint, CancellationToken cancellationToken)
    {
        string status;
        try
        {
            var summary = await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = stream }, cancellationToken).ConfigureAwait(false);
            status = summary.StreamDescriptionSummary.StreamStatus;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "AccessDeniedException")
        {
            // A producer's role may grant kinesis:PutRecords only; the first call then checks the stream instead.
            return;
        }
        catch (AwsServiceException e)
        {
            throw new SinkFailedException(Describe(e, stream, endpoint), e);
        }

        // PutRecords works while a stream is ACTIVE or UPDATING (resharding); CREATING and DELETING refuse writes.
        if (status is not (StreamStatus.Active or StreamStatus.Updating))
        {
            throw new SinkFailedException($"Kinesis stream '{stream}' at {endpoint} is {status}, not ACTIVE: run again once it is");
        }
    }

    /// <summary>One line for a failed call: what was being reached, and the service's or the network's own words.</summary>
    internal static string Describe(AwsServiceException e, string stream, Uri endpoint) => e.ErrorCode switch
    {
        "ResourceNotFoundException" => $"Kinesis stream '{stream}' does not exist at {endpoint} (ResourceNotFoundException)",
        "NetworkError" => $"cannot reach Kinesis at {endpoint}: {e.InnerException?.Message ?? e.Message}",
        "RequestTimeout" => $"Kinesis at {endpoint} did not answer within the attempt timeout, {e.Attempts} attempts",
        _ => $"{e.Message} (stream '{stream}' at {endpoint})",
    };
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Forest;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>score --tabular</c>'s work: every row of a table through the model's batch scorer, then one CSV line per row
/// (<c>row,score_samples,anomaly_score,predicted</c>) in input order, doubles in round-trip form.
/// </summary>
/// <remarks>
/// Reading, scoring and writing overlap: each chunk of rows is scored and formatted on the thread pool as soon as it is
/// read, while the file goes on being read, and one writer puts the formatted chunks out in input order. Read first,
/// then scored, then written, the 567,498-row benchmark table kept one core idle for the reading and the formatting,
/// a third of the run.
/// </remarks>
internal static class TabularScores
{
    public const string Header = "row,score_samples,anomaly_score,predicted";

    // Rows per chunk: large enough that scheduling is noise, small enough that both cores stay busy and the last
    // chunk does not run alone for long.
    private const int ChunkRows = 16_384;

    // Chunks read but not yet written: bounds the formatted output held in memory (a chunk's lines are about
    // 1.3 MB) while keeping both cores fed.
    private const int ChunksInFlight = 4;

    // Longest line: a 10-digit row, two 24-character round-trip doubles, a flag and the separators; with room to spare.
    private const int MaxLineBytes = 80;

    /// <summary>
    /// Reads the table through <paramref name="read"/> (given the chunk size and where to hand each chunk), scores
    /// every row and writes the header and one line per row to the stream <paramref name="open"/> returns, opened once
    /// the first rows are read (so a missing or unreadable input is reported before the output is touched). Returns
    /// the rows scored and how many exceed the model's threshold.
    /// </summary>
    public static (int Rows, long Flagged) Run(AnomalyModel model, string path, Func<int, Action<TabularChunk>, TabularCsv> read,
        Func<Stream> open, CancellationToken cancel)
    {
        var threshold = model.Threshold.Value;
        using var ready = new BlockingCollection<Task<FormattedChunk>>(ChunksInFlight);
        Task<long>? writing = null;
        TabularCsv table;
        try
        {
            table = read(ChunkRows, chunk =>
            {
                cancel.ThrowIfCancellationRequested();
                if (writing is null)
                {
                    if (chunk.Names.Count != model.Features.Count)
                    {
                        throw new UserError($"{path}: {chunk.Names.Count} columns ({string.Join(", ", chunk.Names)}) but model {model.ModelId} takes {model.Features.Count} ({string.Join(", ", model.Features)})");
                    }

                    var output = open();
                    writing = Task.Factory.StartNew(() => WriteInOrder(ready, output), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }

                ready.Add(Task.Run(() => ScoreAndFormat(model, chunk, threshold)), CancellationToken.None);
            });
        }
        catch
        {
            // The writer finishes what it was given before the failure is reported, so it never writes to a closed file;
            // the read's failure is the one to report.
            ready.CompleteAdding();
            try
            {
                writing?.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }

            throw;
        }

        ready.CompleteAdding();
        return (table.Count, writing!.GetAwaiter().GetResult());
    }

    /// <summary>Writes the header, then each chunk's lines as its scoring completes, in the order the chunks were read.</summary>
    private static long WriteInOrder(BlockingCollection<Task<FormattedChunk>> ready, Stream output)
    {
        Exception? failure = null;
        long flagged = 0;
        try
        {
            output.Write(System.Text.Encoding.UTF8.GetBytes(Header + "\n"));
        }
        catch (IOException e)
        {
            failure = e;
        }

        foreach (var scoring in ready.GetConsumingEnumerable())
        {
            // After a failure the rest is still taken off the queue (and dropped), so the reader never waits on a full one.
            try
            {
                var chunk = scoring.GetAwaiter().GetResult();
                try
                {
                    if (failure is null)
                    {
                        output.Write(chunk.Lines, 0, chunk.Length);
                        flagged += chunk.Flagged;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Lines);
                }
            }
            catch (Exception e) when (failure is null)
            {
                failure = e;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return flagged;
    }

    /// <summary>One chunk's scores as CSV lines, in a pooled buffer the writer returns.</summary>
    // Optimised from the first call: each chunk runs once, tier-0 code would score and format much of the file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FormattedChunk ScoreAndFormat(AnomalyModel model, TabularChunk chunk, double threshold)
    {
        var scores = ArrayPool<double>.Shared.Rent(chunk.Rows);
        var lines = ArrayPool<byte>.Shared.Rent(chunk.Rows * MaxLineBytes);
        try
        {
            model.Score(chunk.Values.Span, scores.AsSpan(0, chunk.Rows));
            var at = 0;
            long flagged = 0;
            var c = CultureInfo.InvariantCulture;
            for (var i = 0; i < chunk.Rows; i++)
            {
                var s = scores[i];
                var predicted = s > threshold;
                flagged += predicted ? 1 : 0;
                var line = lines.AsSpan(at);
                var n = 0;
                Put((chunk.FirstRow + i).TryFormat(line, out var written, default, c), written, ref n);
                line[n++] = (byte)',';
                Put((-s).TryFormat(line[n..], out written, "R", c), written, ref n);
                line[n++] = (byte)',';
                Put(s.TryFormat(line[n..], out written, "R", c), written, ref n);
                line[n++] = (byte)',';
                line[n++] = predicted ? (byte)'1' : (byte)'0';
                line[n++] = (byte)'\n';
                at += n;
            }

            return new FormattedChunk(lines, at, flagged);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(lines);
            throw;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    private static void Put(bool formatted, int written, ref int at)
    {
        // MaxLineBytes leaves room for the longest number: failing here is a bug in this file, not bad data.
        if (!formatted)
        {
            throw new InvalidOperationException("a score line did not fit its buffer");
        }

        at += written;
    }

    /// <summary>A chunk's lines: <see cref="Length"/> bytes of <see cref="Lines"/> (pooled), and how many rows were flagged.</summary>
    private readonly record struct FormattedChunk(byte[] Lines, int Length, long Flagged);
}

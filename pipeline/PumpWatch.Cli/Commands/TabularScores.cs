using System.Globalization;
using System.Runtime.CompilerServices;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Forest;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>score --tabular</c>'s work: every row of a table through the model's batch scorer, then one CSV line per row
/// (<c>row,score_samples,anomaly_score,predicted</c>) in input order, doubles in round-trip form.
/// </summary>
internal static class TabularScores
{
    public const string Header = "row,score_samples,anomaly_score,predicted";

    // Rows per parallel task: large enough that scheduling is noise, small enough that both cores finish together.
    private const int ChunkRows = 16_384;

    // Longest line: a 10-digit row, two 24-character round-trip doubles, a flag and the separators; with room to spare.
    private const int MaxLineBytes = 80;

    /// <summary>The anomaly score s of every row, in order; chunks of rows are scored on all cores.</summary>
    public static double[] Score(AnomalyModel model, TabularCsv table, CancellationToken cancel)
    {
        var scores = new double[table.Count];
        var width = table.Width;
        var chunks = (table.Count + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancel }, chunk =>
        {
            var first = chunk * ChunkRows;
            var count = Math.Min(ChunkRows, table.Count - first);
            model.Score(table.Rows.Slice(first * width, count * width), scores.AsSpan(first, count));
        });
        return scores;
    }

    /// <summary>Writes the header and one line per score to <paramref name="output"/>; returns how many rows exceed <paramref name="threshold"/>.</summary>
    // Optimised from the first call: the loop runs once per process, tier-0 code would format much of the file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Write(Stream output, ReadOnlySpan<double> scores, double threshold)
    {
        // Formatted straight into one large byte buffer and written synchronously: a string and an awaited write per
        // row took longer than scoring the row.
        var buffer = new byte[1 << 20];
        var at = System.Text.Encoding.UTF8.GetBytes(Header + "\n", buffer);
        long flagged = 0;
        var c = CultureInfo.InvariantCulture;
        for (var r = 0; r < scores.Length; r++)
        {
            if (at > buffer.Length - MaxLineBytes)
            {
                output.Write(buffer, 0, at);
                at = 0;
            }

            var s = scores[r];
            var predicted = s > threshold;
            flagged += predicted ? 1 : 0;
            var line = buffer.AsSpan(at);
            var n = 0;
            Put(r.TryFormat(line, out var written, default, c), written, ref n);
            line[n++] = (byte)',';
            Put((-s).TryFormat(line[n..], out written, "R", c), written, ref n);
            line[n++] = (byte)',';
            Put(s.TryFormat(line[n..], out written, "R", c), written, ref n);
            line[n++] = (byte)',';
            line[n++] = predicted ? (byte)'1' : (byte)'0';
            line[n++] = (byte)'\n';
            at += n;
        }

        output.Write(buffer, 0, at);
        return flagged;
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
}

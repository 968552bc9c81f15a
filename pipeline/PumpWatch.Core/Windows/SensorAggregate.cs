namespace PumpWatch.Core.Windows;

/// <summary>
/// Mergeable summary of one sensor's readings: count, mean and central moments M2..M4, min, max,
/// first and last (time, value), and centred regression sums for the least-squares slope of value on time.
/// </summary>
/// <remarks>
/// Moments merge with the pairwise formulas of Chan, Golub and LeVeque (1979) extended to M3 and M4 by
/// Pébay (2008, SAND2008-6212, eq. 2.1-2.3); the co-moment of time and value merges the same way. Merging
/// partial aggregates in any split or order equals aggregating all readings at once, up to rounding.
/// Time enters the regression sums as seconds after the aggregate's own first reading, and merges shift
/// by exact integer microsecond differences, so the slope keeps full double precision whatever the epoch. An empty aggregate has <see cref="Count"/> 0 and NaN statistics.
/// </remarks>
public struct SensorAggregate
{
    public long Count;
    public double Mean;
    public double M2;
    public double M3;
    public double M4;
    public double Min;
    public double Max;
    public long FirstTime;
    public double FirstValue;
    public long LastTime;
    public double LastValue;

    /// <summary>Mean of the reading times, seconds after <see cref="FirstTime"/>.</summary>
    public double MeanT;

    /// <summary>Sum of squared deviations of time.</summary>
    public double M2T;

    /// <summary>Sum of products of time and value deviations.</summary>
    public double CoTV;

    public static SensorAggregate Empty => new() { Min = double.NaN, Max = double.NaN, Mean = double.NaN, FirstValue = double.NaN, LastValue = double.NaN };

    /// <summary>The aggregate of a single reading.</summary>
    public static SensorAggregate Of(long time, double value) => new()
    {
        Count = 1,
        Mean = value,
        Min = value,
        Max = value,
        FirstTime = time,
        FirstValue = value,
        LastTime = time,
        LastValue = value,
        MeanT = 0,
    };

    /// <summary>Adds one reading in place (Welford's update, the one-element case of <see cref="Merge"/>).</summary>
    public void Add(long time, double value)
    {
        if (Count == 0)
        {
            this = Of(time, value);
            return;
        }

        var n1 = (double)Count;
        var n = n1 + 1;
        var delta = value - Mean;
        var deltaN = delta / n;
        var deltaN2 = deltaN * deltaN;
        var term1 = delta * deltaN * n1;
        M4 += (term1 * deltaN2 * ((n * n) - (3 * n) + 3)) + (6 * deltaN2 * M2) - (4 * deltaN * M3);
        M3 += (term1 * deltaN * (n - 2)) - (3 * deltaN * M2);
        M2 += term1;
        Mean += deltaN;

        var firstTime = FirstTime;
        var deltaT = ((time - firstTime) / 1e6) - MeanT;
        MeanT += deltaT / n;
        M2T += deltaT * deltaT * n1 / n;
        CoTV += deltaT * delta * n1 / n;
        Count++;

        Extremes(time, value, time, value, value, value);
        Rebase(firstTime);
    }

    /// <summary>Merges <paramref name="other"/> into this aggregate (both relative to the same time reference).</summary>
    public void Merge(in SensorAggregate other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        double na = Count, nb = other.Count, n = na + nb;
        var delta = other.Mean - Mean;
        var delta2 = delta * delta;
        var delta3 = delta2 * delta;
        var delta4 = delta2 * delta2;

        var m4 = M4 + other.M4
            + (delta4 * na * nb * ((na * na) - (na * nb) + (nb * nb)) / (n * n * n))
            + (6 * delta2 * ((na * na * other.M2) + (nb * nb * M2)) / (n * n))
            + (4 * delta * ((na * other.M3) - (nb * M3)) / n);
        var m3 = M3 + other.M3
            + (delta3 * na * nb * (na - nb) / (n * n))
            + (3 * delta * ((na * other.M2) - (nb * M2)) / n);
        var m2 = M2 + other.M2 + (delta2 * na * nb / n);

        var firstTime = FirstTime;
        var deltaT = other.MeanT + ((other.FirstTime - firstTime) / 1e6) - MeanT;
        M2T += other.M2T + (deltaT * deltaT * na * nb / n);
        CoTV += other.CoTV + (deltaT * delta * na * nb / n);
        MeanT += deltaT * nb / n;

        Mean += delta * nb / n;
        M2 = m2;
        M3 = m3;
        M4 = m4;
        Count += other.Count;
        Extremes(other.FirstTime, other.FirstValue, other.LastTime, other.LastValue, other.Min, other.Max);
        Rebase(firstTime);
    }

    // MeanT was relative to previousFirst; keep it relative to FirstTime when an earlier reading arrived.
    private void Rebase(long previousFirst)
    {
        if (FirstTime != previousFirst)
        {
            MeanT += (previousFirst - FirstTime) / 1e6;
        }
    }

    private void Extremes(long firstTime, double firstValue, long lastTime, double lastValue, double min, double max)
    {
        if (min < Min)
        {
            Min = min;
        }

        if (max > Max)
        {
            Max = max;
        }

        if (firstTime < FirstTime)
        {
            FirstTime = firstTime;
            FirstValue = firstValue;
        }

        if (lastTime > LastTime)
        {
            LastTime = lastTime;
            LastValue = lastValue;
        }
    }
}

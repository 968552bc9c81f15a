namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>Compares doubles within a named tolerance, for sequence assertions.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}

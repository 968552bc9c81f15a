namespace PumpWatch.Core.Forest;

/// <summary>
/// c(n), the average path length of an unsuccessful binary-search-tree search among n points
/// (Liu, Ting, Zhou 2008, eq. 1): c(n) = 2H(n-1) - 2(n-1)/n with H(i) ~ ln(i) + Euler's constant;
/// c(1) = 0 and c(2) = 1 as in scikit-learn's <c>_average_path_length</c>.
/// </summary>
public static class PathLength
{
    private const double EulerGamma = 0.5772156649015329;

    public static double Average(double n) => n switch
    {
        <= 1 => 0.0,
        <= 2 => 1.0,
        _ => (2.0 * (Math.Log(n - 1.0) + EulerGamma)) - (2.0 * (n - 1.0) / n),
    };
}

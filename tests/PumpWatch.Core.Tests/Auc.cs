namespace PumpWatch.Core.Tests;

/// <summary>ROC AUC by the Mann-Whitney U statistic with mid-ranks for ties: an implementation independent of the code under test.</summary>
internal static class Auc
{
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var mid = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = mid;
            }

            i = j + 1;
        }

        double positives = labels.Count(l => l != 0);
        double negatives = labels.Count - positives;
        var rankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i] != 0).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}

using System.Globalization;

namespace PumpWatch.Core.Tests;

/// <summary>Finds ../shared/data beside the repository and reads the ODDS CSVs.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts) => PumpWatch.Testing.SharedDataFiles.Path(parts);

    /// <summary>Rows of features (flattened) and labels; '#' lines skipped, last column the label.</summary>
    public static (double[] Rows, int Width, int[] Labels) Odds(string name)
    {
        var rows = new List<double>();
        var labels = new List<int>();
        var width = 0;
        foreach (var line in File.ReadLines(Path("odds", name)))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cells = line.Split(',');
            width = cells.Length - 1;
            for (var i = 0; i < width; i++)
            {
                rows.Add(double.Parse(cells[i], CultureInfo.InvariantCulture));
            }

            labels.Add((int)double.Parse(cells[^1], CultureInfo.InvariantCulture));
        }

        return (rows.ToArray(), width, labels.ToArray());
    }
}

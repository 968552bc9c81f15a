using System.Globalization;

namespace PumpWatch.Core.Tests;

/// <summary>Finds ../shared/data beside the repository and reads the ODDS CSVs.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new FileNotFoundException($"shared/data/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }

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

namespace PumpWatch.Cli.Input;

/// <summary>
/// A run of rows of a <see cref="TabularCsv"/> handed out while the rest of the file is still being read: the kept
/// columns' names, the 0-based index of its first row, its row count, and its values, row-major.
/// </summary>
internal readonly record struct TabularChunk(IReadOnlyList<string> Names, int FirstRow, int Rows, ReadOnlyMemory<double> Values);

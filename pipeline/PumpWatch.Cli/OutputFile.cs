namespace PumpWatch.Cli;

/// <summary>
/// An output file written under a temporary name in its own folder and moved over <see cref="Path"/> only by
/// <see cref="Commit"/>: a run that fails (bad input, Ctrl+C) leaves an earlier good file as it was, never a partial one.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    public OutputFile(string path, int bufferSize = 1 << 16)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserError("the output file name is empty (--out)");
        }

        Path = path;
        var full = System.IO.Path.GetFullPath(path);
        // Same folder, so the final move is a rename on one file system; the process id keeps concurrent runs apart.
        _temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize);
    }

    public string Path { get; }

    /// <summary>The temporary file; write everything, then <see cref="Commit"/>.</summary>
    public FileStream Stream { get; }

    /// <summary>Closes the temporary file and moves it over <see cref="Path"/>, replacing what was there.</summary>
    public void Commit()
    {
        Stream.Dispose();
        File.Move(_temporary, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Cleaning up after a failure that is already being reported: a leftover temporary file is the lesser evil.
            }
        }
    }
}

namespace PumpWatch.Cli.Input;

/// <summary>
/// Splits a file into lines as byte slices of one reused buffer: no string, no copy per line. A slice is valid
/// until the next line is read. Handles \n and \r\n; a line longer than the buffer grows it.
/// </summary>
internal static class JsonLines
{
    private const int BufferSize = 1 << 20;

    public static IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        int start = 0, end = 0;
        long number = 0;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                // Move the partial line to the front, grow if it fills the buffer, then read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > start)
                    {
                        yield return (Trim(buffer, start, end), ++number);
                    }

                    yield break;
                }

                end += read;
                continue;
            }

            yield return (Trim(buffer, start, start + newline), ++number);
            start += newline + 1;
        }
    }

    private static ReadOnlyMemory<byte> Trim(byte[] buffer, int start, int end) =>
        buffer.AsMemory(start, end > start && buffer[end - 1] == '\r' ? end - start - 1 : end - start);
}

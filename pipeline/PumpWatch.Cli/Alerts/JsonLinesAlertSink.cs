using System.Text;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// Writes each alert as one JSON line (<see cref="AlertFormatter.ToJson"/>) to a file it creates or replaces, flushed
/// per alert so that a subscriber tailing the file sees each alert as it happens.
/// </summary>
internal sealed class JsonLinesAlertSink : IAlertSink
{
    private readonly StreamWriter _writer;

    /// <summary>Creates or replaces <paramref name="path"/>; an unwritable path throws the <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public JsonLinesAlertSink(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public string Path { get; }

    public string Name => "jsonl:" + Path;

    public async ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteLineAsync(AlertFormatter.ToJson(alert).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new AlertDeliveryException(this, alert, ex.Message, ex);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

using System.Text.Json;
using PumpWatch.Lambda.Events;
using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Placeholder;

/// <summary>
/// TEMPORARY, until the real function (Function/) is wired in Program.CreateHandler: answers the tumbling-window
/// contract without detecting anything, returning the state it received and no failures
/// (<c>{"state": &lt;same&gt;, "batchItemFailures": []}</c>), so that the bootstrap builds, deploys and runs end to end.
/// It reads the whole event, so it also measures what parsing a batch costs. Delete it with its tests once replaced.
/// </summary>
internal sealed class PlaceholderEchoStateHandler : IInvocationHandler
{
    public ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancel)
    {
        var windowEvent = JsonSerializer.Deserialize(payload.Span, LambdaJsonContext.Default.KinesisTimeWindowEvent)
            ?? throw new JsonException("the event is JSON null, not a Kinesis tumbling-window event");
        var response = new KinesisTimeWindowResponse
        {
            State = windowEvent.State ?? new Dictionary<string, string>(StringComparer.Ordinal),
            BatchItemFailures = [],
        };
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.KinesisTimeWindowResponse));
    }
}

using System.Buffers;
using System.Text.Json;
using PumpWatch.Function;
using PumpWatch.Function.Events;
using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Setup;

/// <summary>The function as the runtime loop calls it: the event's JSON in, the response's JSON out, both source-generated.</summary>
internal sealed class WindowFunctionHandler(KinesisWindowFunction function) : IInvocationHandler
{
    // The response of the invocation under way, reused: the runtime posts it before it asks for the next invocation.
    private readonly ArrayBufferWriter<byte> _response = new(16 * 1024);

    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancel)
    {
        var input = JsonSerializer.Deserialize(payload.Span, LambdaJsonContext.Default.KinesisTimeWindowEvent)
            ?? throw new InvalidEventException("the event is JSON null, not a Kinesis tumbling-window event");
        var response = await function.HandleAsync(input, cancel).ConfigureAwait(false);
        _response.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_response))
        {
            JsonSerializer.Serialize(json, response, LambdaJsonContext.Default.KinesisTimeWindowResponse);
        }

        return _response.WrittenMemory;
    }
}

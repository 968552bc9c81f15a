using System.Text.Json;
using PumpWatch.Function;
using PumpWatch.Function.Events;
using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Setup;

/// <summary>The function as the runtime loop calls it: the event's JSON in, the response's JSON out, both source-generated.</summary>
internal sealed class WindowFunctionHandler(KinesisWindowFunction function) : IInvocationHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancel)
    {
        var input = JsonSerializer.Deserialize(payload.Span, LambdaJsonContext.Default.KinesisTimeWindowEvent)
            ?? throw new InvalidEventException("the event is JSON null, not a Kinesis tumbling-window event");
        var response = await function.HandleAsync(input, cancel).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.KinesisTimeWindowResponse);
    }
}

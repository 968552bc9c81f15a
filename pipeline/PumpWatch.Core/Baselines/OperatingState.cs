namespace PumpWatch.Core.Baselines;

/// <summary>
/// What a pump was doing during a window, judged from its flow against its own running flow: only a running pump's
/// windows are scored and learned from; a stopped pump and a window that mixes a start, a stop or a set-point step
/// are neither (their statistics describe the change, not the pump's health).
/// </summary>
public enum OperatingState
{
    Running,
    Stopped,
    Transition,
}

namespace PumpWatch.Core.Alerts;

/// <summary>A pump's stored alert-policy state and the window end (epoch microseconds) it has been applied through.</summary>
/// <param name="State">The state as stored.</param>
/// <param name="AppliedThrough">The last window end (epoch microseconds) applied to it.</param>
/// <param name="Problem">Null for a readable state; otherwise why the stored text was not an <see cref="AlertState"/>, and <paramref name="State"/> is <see cref="AlertState.Initial"/>.</param>
public readonly record struct AppliedAlertState(AlertState State, long AppliedThrough, string? Problem = null);

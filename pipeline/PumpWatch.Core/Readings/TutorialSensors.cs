namespace PumpWatch.Core.Readings;

/// <summary>The four sensors of the tutorial reading, named once for the parser, features, store and simulator.</summary>
public static class TutorialSensors
{
    public const string Temperature = "temperature";
    public const string Pressure = "pressure";
    public const string FlowRate = "flow_rate";
    public const string Vibration = "vibration";

    /// <summary>In the tutorial's order, which is also the store's column order.</summary>
    public static IReadOnlyList<string> All { get; } = [Temperature, Pressure, FlowRate, Vibration];
}

namespace PumpWatch.Cli.Dashboard;

/// <summary>A sensor the sensor picker offers, with the normal operating range its current-value panel shows.</summary>
/// <param name="Name">The store's column (and Timestream's measure) name.</param>
/// <param name="Unit">Unit of measure.</param>
/// <param name="NormalMin">Lower end of normal operation.</param>
/// <param name="NormalMax">Upper end of normal operation.</param>
public sealed record DashboardSensor(string Name, string Unit, double NormalMin, double NormalMax);

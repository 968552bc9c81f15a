namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// What a panel's queries are run with: the half-open UTC range [From, To), the bucket width, the pumps chosen (null for
/// every pump) and the sensor.
/// </summary>
internal sealed record PanelRequest(DashboardRange Range, DateTime From, DateTime To, long BucketMicros, IReadOnlyList<string>? Pumps, string Sensor)
{
    public bool All => Range.Span is null;
}

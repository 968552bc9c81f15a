namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// One dashboard panel as both dashboards draw it: the local page (<c>pumpwatch demo</c>, <c>pumpwatch dashboard</c>)
/// over DuckDB, and Grafana over Timestream. <see cref="Type"/> is Grafana's panel type id.
/// </summary>
/// <param name="Id">Stable id: the local API path (<c>/api/panels/{id}</c>) and the Grafana panel's key.</param>
/// <param name="Title">Shown above the panel.</param>
/// <param name="Type">Grafana panel type: <c>timeseries</c>, <c>xychart</c>, <c>barchart</c>, <c>stat</c> or <c>table</c>.</param>
/// <param name="Unit">Unit of the panel's values ("" when they have none or it depends on the chosen sensor).</param>
/// <param name="Description">What the panel shows and how it is computed, in one or two sentences.</param>
/// <param name="Queries">Its queries, by Grafana ref id (A, B, ...).</param>
public sealed record DashboardPanel(string Id, string Title, string Type, string Unit, string Description, IReadOnlyList<PanelQuery> Queries)
{
    /// <summary>Whether the pump picker narrows it (its queries filter on <see cref="DashboardPanels.PumpFilterPlaceholder"/>).</summary>
    public bool UsesPumps => Queries.Any(q => q.DuckDbSql.Contains(DashboardPanels.PumpFilterPlaceholder, StringComparison.Ordinal));

    /// <summary>Whether the sensor picker changes it (its queries read <c>${sensor}</c>).</summary>
    public bool UsesSensor => Queries.Any(q => q.DuckDbSql.Contains(DashboardPanels.SensorPlaceholder, StringComparison.Ordinal));
}

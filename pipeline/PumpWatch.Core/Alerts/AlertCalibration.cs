namespace PumpWatch.Core.Alerts;

/// <summary>
/// What training chose to meet an alert budget (<see cref="AlertBudget"/>): the window threshold with the k-of-n policy,
/// the budget it was asked for, and what it gave on the held-out part of the healthy period (alerts over pump-days).
/// </summary>
public sealed record AlertCalibration(int K, int N, double Threshold, double BudgetPerPumpDay, int CalibrationAlerts, double CalibrationPumpDays)
{
    /// <summary>False alerts per pump-day on the held-out healthy windows at the chosen threshold and policy.</summary>
    public double ExpectedPerPumpDay => CalibrationPumpDays > 0 ? CalibrationAlerts / CalibrationPumpDays : double.NaN;
}

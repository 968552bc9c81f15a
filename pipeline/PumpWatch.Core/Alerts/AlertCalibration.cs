namespace PumpWatch.Core.Alerts;

/// <summary>
/// What training chose to meet an alert budget (<see cref="AlertBudget"/>): the window threshold with the k-of-n policy,
/// the budget it was asked for, what it gave on the held-out part of the healthy period (alerts over pump-days), and the
/// rate expected at that threshold from the held-out alert counts' exponential tail (the held-out part is too short to
/// show a rate of 0.1 a pump-day directly).
/// </summary>
public sealed record AlertCalibration(int K, int N, double Threshold, double BudgetPerPumpDay, int CalibrationAlerts, double CalibrationPumpDays, double ExpectedPerPumpDay);

namespace PumpWatch.Core.Windows;

/// <summary>What the windower did with a valid reading.</summary>
public enum WindowAdmission
{
    Accepted,

    /// <summary>Same pump and timestamp already merged; counted once.</summary>
    Duplicate,

    /// <summary>Behind the allowed lateness: its window already closed; dropped and counted.</summary>
    Late,
}

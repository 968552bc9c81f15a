namespace PumpWatch.Core.Alerts;

/// <summary>An alert event the policy decided on for a window; the host turns it into an <see cref="Alert"/>.</summary>
public readonly record struct AlertDecision(AlertEventKind Kind, AlertSeverity Severity, long OpenedAt);

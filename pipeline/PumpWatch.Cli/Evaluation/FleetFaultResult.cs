namespace PumpWatch.Cli.Evaluation;

/// <summary>One injected fault of a fleet run in evaluation.json: the label in full and whether, when and how soon it was detected.</summary>
internal sealed record FleetFaultResult(int Seed, string PumpId, string Fault, string? Sensor, string Onset, double Severity, string Start, string RampEnd, string End,
    string EndedBy, bool Detected, string? DetectedAt, double? DelayMinutes, double? RampShare);

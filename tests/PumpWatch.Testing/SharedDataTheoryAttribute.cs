namespace PumpWatch.Testing;

/// <summary>A theory that needs ../shared/data: skipped with the reason when the data is absent (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() => Skip = SharedDataFiles.SkipReason;
}

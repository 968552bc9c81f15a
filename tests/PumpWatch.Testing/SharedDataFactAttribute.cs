namespace PumpWatch.Testing;

/// <summary>A fact that needs ../shared/data: skipped with the reason when the data is absent (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedDataFiles.SkipReason;
}

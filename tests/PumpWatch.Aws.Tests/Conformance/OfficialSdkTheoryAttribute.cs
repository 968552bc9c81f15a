namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>The theory form of <see cref="OfficialSdkFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OfficialSdkTheoryAttribute : TheoryAttribute
{
    public OfficialSdkTheoryAttribute()
    {
        Skip = OfficialSdk.SkipReason!;
    }
}

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>A test against the official JavaScript SDK: skipped with one line when the npm packages are not installed here, never skipped in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OfficialSdkFactAttribute : FactAttribute
{
    public OfficialSdkFactAttribute()
    {
        Skip = OfficialSdk.SkipReason!;
    }
}

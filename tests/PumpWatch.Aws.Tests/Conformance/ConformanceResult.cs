using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>Both sides of a case once they were found to agree: the requests each sent and what each made of the answer.</summary>
internal sealed record ConformanceResult<TResponse>(
    IReadOnlyList<FakeRequest> OurRequests,
    IReadOnlyList<FakeRequest> OfficialRequests,
    TResponse? OurResponse,
    AwsServiceException? OurError,
    OfficialSdkOutcome Official);

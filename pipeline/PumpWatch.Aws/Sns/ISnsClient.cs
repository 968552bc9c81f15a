using PumpWatch.Aws.Sns.Model;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// The Amazon SNS operations PumpWatch uses, named and shaped as in the official AWSSDK.SimpleNotificationService
/// (<c>IAmazonSimpleNotificationService</c>), so moving to that package where NuGet serves it changes one file. Failures
/// throw <see cref="Http.AwsServiceException"/> once retries are spent.
/// </summary>
public interface ISnsClient
{
    /// <summary>Publishes one message; a request that breaks <see cref="SnsPublishRules"/> is refused before sending (<see cref="ArgumentException"/>).</summary>
    Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default);

    Task<CreateTopicResponse> CreateTopicAsync(CreateTopicRequest request, CancellationToken cancellationToken = default);
}

using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>One-line messages for DynamoDB calls that failed, shared by the stores so that each names its table the same way.</summary>
internal static class DynamoDbCallFailure
{
    /// <summary>Whether <paramref name="e"/> is a failed call (refused, unreachable) rather than a bug.</summary>
    internal static bool IsCallFailure(Exception e) => e is AmazonServiceException or AmazonClientException or HttpRequestException;

    /// <summary>What went wrong with <paramref name="table"/> while <paramref name="doing"/>; <paramref name="setup"/> names the type that creates the table.</summary>
    internal static string Message(string table, string doing, string setup, Exception e) => e switch
    {
        ResourceNotFoundException => $"dynamodb table '{table}': no such table (while {doing}); check the table name and region, or create it ({setup})",
        AmazonServiceException service =>
            $"dynamodb table '{table}': {doing} failed: {service.ErrorCode} (HTTP {(int)service.StatusCode} {service.StatusCode}): {service.Message.ReplaceLineEndings(" ")}",
        _ => $"dynamodb table '{table}': {doing} failed, DynamoDB could not be reached: {e.Message.ReplaceLineEndings(" ")}",
    };
}

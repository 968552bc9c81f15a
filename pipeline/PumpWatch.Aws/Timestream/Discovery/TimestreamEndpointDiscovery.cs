namespace PumpWatch.Aws.Timestream.Discovery;

/// <summary>
/// Whether a Timestream client asks DescribeEndpoints where to send its calls. Timestream's data-plane operations are
/// marked <c>clientDiscoveredEndpoint required</c> in both models: the regional endpoint only answers DescribeEndpoints,
/// and the Address it returns (a cell such as <c>ingest-cell2.timestream.us-east-1.amazonaws.com</c>) takes the calls.
/// </summary>
public enum TimestreamEndpointDiscovery
{
    /// <summary>
    /// The official SDKs' rule, the default: discover against the regional endpoint; with an endpoint override
    /// (<c>AwsClientOptions.ServiceUrl</c>) call the override directly and discover nothing. (aws-sdk-js-v3's
    /// endpoint-discovery middleware returns early for a custom endpoint, and the Timestream client 3.1138 in the test
    /// servers sends WriteRecords straight to one; botocore's <c>_register_endpoint_discovery</c> returns at once when
    /// an <c>endpoint_url</c> is given.)
    /// </summary>
    Auto,

    /// <summary>
    /// Discover even with an override: DescribeEndpoints goes to the override, and the Address it returns is called with
    /// the override's scheme (http for a local server). For local servers that implement DescribeEndpoints, and the tests.
    /// </summary>
    Enabled,

    /// <summary>Never discover: every call goes to the override (e.g. a VPC interface endpoint of one cell). Needs an override.</summary>
    Disabled,
}

using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Tests.Runtime;

/// <summary>AWS_LAMBDA_RUNTIME_API is a host and port; every path starts with the API version 2018-06-01 (developer guide).</summary>
public sealed class RuntimeApiAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9001", "http://127.0.0.1:9001/2018-06-01/")]
    [InlineData("localhost:8080", "http://localhost:8080/2018-06-01/")]
    [InlineData(" 169.254.100.1:9001 ", "http://169.254.100.1:9001/2018-06-01/")]
    public void A_host_and_port_becomes_the_versioned_base_address(string value, string expected)
    {
        Assert.True(RuntimeApiClient.TryCreateBaseUri(value, out var uri));
        Assert.Equal(expected, uri.AbsoluteUri);
        Assert.Equal(expected + "runtime/invocation/next", new Uri(uri, "runtime/invocation/next").AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://127.0.0.1:9001")]
    [InlineData("127.0.0.1:notaport")]
    public void A_missing_or_malformed_value_is_refused(string? value) =>
        Assert.False(RuntimeApiClient.TryCreateBaseUri(value, out _));
}

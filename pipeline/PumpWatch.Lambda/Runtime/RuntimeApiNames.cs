namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// Paths and header names of the Lambda Runtime API, version 2018-06-01. Source: AWS Lambda developer guide, "Using
/// the Lambda runtime API for custom runtimes", and its OpenAPI specification (runtime-api.zip, runtime-api.yaml).
/// </summary>
internal static class RuntimeApiNames
{
    /// <summary>The API version every path starts with: <c>http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/...</c>.</summary>
    public const string Version = "2018-06-01";

    public const string NextPath = "runtime/invocation/next";

    public const string InitErrorPath = "runtime/init/error";

    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>When the function times out, in Unix time milliseconds.</summary>
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";

    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>The X-Ray tracing header, e.g. <c>Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1</c>.</summary>
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";

    /// <summary>Sent with an error; the official .NET runtime client (Amazon.Lambda.RuntimeSupport) puts the error type here too.</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The content type of an error body, from the note on error reporting in the OpenAPI specification.</summary>
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    public static string ResponsePath(string requestId) => $"runtime/invocation/{Uri.EscapeDataString(requestId)}/response";

    public static string ErrorPath(string requestId) => $"runtime/invocation/{Uri.EscapeDataString(requestId)}/error";
}

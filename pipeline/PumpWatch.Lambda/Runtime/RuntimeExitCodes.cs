namespace PumpWatch.Lambda.Runtime;

/// <summary>The bootstrap's exit codes. Lambda restarts the execution environment on any exit; the code is for the log.</summary>
internal static class RuntimeExitCodes
{
    /// <summary>The host was asked to stop (only outside Lambda: tests and local runs).</summary>
    public const int Stopped = 0;

    /// <summary>Init failed; the error was posted to <c>/runtime/init/error</c> (or that post failed too).</summary>
    public const int InitFailed = 1;

    /// <summary>AWS_LAMBDA_RUNTIME_API is missing or malformed: not running under Lambda or an emulator of its Runtime API.</summary>
    public const int NoRuntimeApi = 2;

    /// <summary>The Runtime API failed or could not be reached; the OpenAPI specification says to exit promptly.</summary>
    public const int RuntimeApiFailed = 3;
}

using System.Diagnostics;

namespace PumpWatch.Aws.Tests.LocalServers;

/// <summary>Stopping a Node child whose script exits when its stdin closes (the server scripts through harness.js, official-sdk.js).</summary>
internal static class NodeChildProcess
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>Closes its stdin, kills it (and its children) if it is still running after a grace period, and disposes it.</summary>
    public static async Task StopAsync(Process node)
    {
        try
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(Grace))
            {
                node.Kill(entireProcessTree: true);
            }

            await node.WaitForExitAsync();
        }
        finally
        {
            node.Dispose();
        }
    }
}

using System.Diagnostics;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>servers/official-sdk.js cannot outlive the test run, and says clearly what it could not do.</summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class OfficialSdkScriptTests(OfficialSdk sdk)
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(10);

    [OfficialSdkFact]
    public async Task Script_exits_by_itself_when_its_parent_process_is_gone_though_stdin_stays_open()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        using var node = OfficialSdk.Start(parent.Id);
        try
        {
            Assert.False(node.WaitForExit(TimeSpan.FromMilliseconds(300)), "the script exited while its parent was alive");

            parent.Kill();
            await parent.WaitForExitAsync();

            Assert.True(node.WaitForExit(ExitWithin), "the script outlived its parent");
            Assert.Equal(0, node.ExitCode);
        }
        finally
        {
            KillIfRunning(parent);
            KillIfRunning(node);
        }
    }

    [OfficialSdkFact]
    public void Script_exits_when_its_stdin_closes()
    {
        using var node = OfficialSdk.Start(Environment.ProcessId);
        try
        {
            node.StandardInput.Close();

            Assert.True(node.WaitForExit(ExitWithin), "the script kept running after stdin closed");
            Assert.Equal(0, node.ExitCode);
        }
        finally
        {
            KillIfRunning(node);
        }
    }

    [OfficialSdkFact]
    public async Task A_client_the_script_does_not_know_fails_with_a_message_naming_it_and_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sdk.SendAsync("dynamodb", "PutItem", null, new Uri("http://127.0.0.1:9/")));

        Assert.Contains("could not send dynamodb.PutItem", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown client 'dynamodb' (known: kinesis, timestream-write, timestream-query, sns)", error.Message, StringComparison.Ordinal);
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}

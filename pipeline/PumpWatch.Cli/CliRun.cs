using DuckDB.NET.Data;

namespace PumpWatch.Cli;

/// <summary>Runs a verb and turns user mistakes into one line on standard error and exit code 2.</summary>
internal static class CliRun
{
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UserError e)
        {
            await Console.Error.WriteLineAsync($"pumpwatch: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (DuckDBException e)
        {
            await Console.Error.WriteLineAsync($"pumpwatch: DuckDB: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"pumpwatch: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    public static Task<int> Guard(Func<int> action) => Guard(() => Task.FromResult(action()));
}

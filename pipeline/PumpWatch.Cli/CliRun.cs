using System.CommandLine;
using DuckDB.NET.Data;
using PumpWatch.Aws.Http;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Storage;

namespace PumpWatch.Cli;

/// <summary>Runs a verb and turns user mistakes into one line on standard error and exit code 2.</summary>
internal static class CliRun
{
    public static Task<int> Guard(Func<Task<int>> action) => Guard(action, Console.Error);

    /// <summary>Runs <paramref name="action"/>; a user mistake or a store that cannot answer is one line on <paramref name="error"/> and exit code 2.</summary>
    internal static async Task<int> Guard(Func<Task<int>> action, TextWriter error)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UserError e)
        {
            await error.WriteLineAsync($"pumpwatch: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is PumpWatch.Core.Training.TrainingDataException or PumpWatch.Core.Forest.ModelMismatchException)
        {
            await error.WriteLineAsync($"pumpwatch: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            // Chiefly no credentials: the SDK's message lists every provider it tried over several lines; the first says
            // what failed, and the hint says where credentials come from.
            var first = e.Message.Split('\n', 2)[0].Trim();
            await error.WriteLineAsync($"pumpwatch: {first} (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; for a local server any non-empty values do)").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is ModelStoreException or AlertStateStoreException or ShardStateStoreException or AwsServiceException)
        {
            // A bad model URL, a missing table, an unreachable store or service: each message names the store or call
            // already; what the user can act on is that line, not the stack under it.
            await error.WriteLineAsync($"pumpwatch: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 2;
        }
        catch (DuckDBException e)
        {
            await error.WriteLineAsync($"pumpwatch: DuckDB: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"pumpwatch: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    public static Task<int> Guard(Func<int> action) => Guard(() => Task.FromResult(action()));

    private static string Plain(string message) => message.TrimEnd('.')
        .Replace("expected type 'System.Int32'", "an integer", StringComparison.Ordinal)
        .Replace("expected type 'System.Double'", "a number", StringComparison.Ordinal)
        .Replace("expected type 'System.TimeSpan'", "a duration such as 01:30:00", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.TimeSpan]'", "a duration such as 01:30:00", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Int32]'", "an integer", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Double]'", "a number", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.DateTimeOffset]'", "an ISO-8601 time", StringComparison.Ordinal);

    /// <summary>Parses and runs; a wrong flag or argument is one line naming it (and where help is), exit code 2.</summary>
    public static async Task<int> Invoke(RootCommand root, string[] args, string program)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);
            return 1;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 && parse.GetValue(SiteConfig.Option) is { } config)
        {
            // The site's file fills in what the command line leaves out; parsed again so its values are checked alike.
            try
            {
                parse = root.Parse(SiteConfig.Merge(parse, args, config));
            }
            catch (UserError e)
            {
                await Console.Error.WriteLineAsync($"{program}: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        }

        if (parse.Errors.Count > 0)
        {
            // An unknown word says more than the "required command" error it also causes.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var verb = parse.CommandResult.Command == root ? program : $"{program} {parse.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"{program}: {Plain(error.Message)} (see '{verb} --help')").ConfigureAwait(false);
            return 2;
        }

        // Ctrl+C cancels the verb's token and gives it 30 s to flush the store, stop the dashboard and print its
        // summary (well under a second normally; 10 s was not always enough on a machine loaded by other jobs, and then
        // the summary was lost); without a timeout System.CommandLine leaves SIGINT to the runtime, which ends the
        // process on the spot.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
    }
}

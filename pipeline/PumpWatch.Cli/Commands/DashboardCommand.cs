using System.CommandLine;
using PumpWatch.Cli.Dashboard;

namespace PumpWatch.Cli.Commands;

/// <summary><c>pumpwatch dashboard --db FILE</c>: the demo's live page over any existing store, served until Ctrl+C.</summary>
internal static class DashboardCommand
{
    /// <summary>The port flag, shared with <c>demo</c>.</summary>
    public static Option<int> PortOption() => new("--port") { Description = "Port for the dashboard on 127.0.0.1 (0 = a free port)", DefaultValueFactory = _ => 0 };

    /// <summary>The port given, checked: 0..65535.</summary>
    public static int Port(ParseResult parse, Option<int> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var port = parse.GetValue(option);
        return port is >= 0 and <= 65535 ? port : throw new UserError($"--port {port} must be 0..65535 (0 = a free port)");
    }

    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "DuckDB store to show (written by demo, backtest or consume)", Required = true };
        var port = PortOption();
        var command = new Command("dashboard", "Serve the dashboard page (sensor readings, anomaly scores, alerts, pipeline health) over a store, on 127.0.0.1")
        {
            db, port,
        };
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(db)!;
            var chosen = Port(parse, port);
            // Ctrl+C while it starts stops it right after, at the wait below.
            await using var server = await DashboardServer.StartAsync(DashboardStore.Open(path), chosen, CancellationToken.None).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Dashboard of {Path.GetFullPath(path)}: {server.Address}  (Ctrl+C to stop)").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Ctrl+C: the way to stop serving.
            }

            return 0;
        }));
        return command;
    }
}

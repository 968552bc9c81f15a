namespace PumpWatch.Testing;

/// <summary>Two writes started together on two threads, for the conditional-write race tests of the state-store contracts.</summary>
internal static class WriterRace
{
    /// <summary>Runs two writes on two dedicated threads released by one barrier, and returns whether each won.</summary>
    public static async Task<(bool First, bool Second)> RunAsync(Func<Task<bool>> first, Func<Task<bool>> second)
    {
        using var start = new Barrier(2);
        Task<bool> Writer(Func<Task<bool>> write) => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return write().GetAwaiter().GetResult();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var results = await Task.WhenAll(Writer(first), Writer(second));
        return (results[0], results[1]);
    }
}

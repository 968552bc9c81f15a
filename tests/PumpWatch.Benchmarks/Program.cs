using BenchmarkDotNet.Running;
using PumpWatch.Benchmarks;

if (args is ["kinesis-put", .. var rest])
{
    await KinesisPutThroughput.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(IngestBenchmarks).Assembly).Run(args);

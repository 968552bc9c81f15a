using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PumpWatch.Benchmarks.IngestBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ArcFace.VectorDb.Benchmarks.KernelBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

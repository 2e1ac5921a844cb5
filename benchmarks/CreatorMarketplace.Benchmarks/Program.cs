using BenchmarkDotNet.Running;
using CreatorMarketplace.Benchmarks;

// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- lag [--rate 1000] [--seconds 30]
// (a measured harness over two processes; lag-follower is the second process, which it starts itself)
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- memory [--creators 1000000]
// (the in-memory catalog's bytes per creator, loaded from a stream of generated listings)
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- load-time [--creators 1000000] [--rounds 5]
// (the bulk load's processor time and allocations per creator, for comparing builds on a busy machine)
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- scale [--creators 100000,1000000,10000000] [--searches 200]
// (memory, load time and search percentiles at each size, from a stream of generated listings; writes benchmarks/results)
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- search-time [--creators 1000000] [--searches 200]
// (one search's processor time, cold caches, warm and after 20 ms idle, for comparing builds on a busy machine)
// dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- postgres-load [--creators 1000000] [--searches 9] [--reuse]
// (a bulk load of generated creators into a new PostgreSQL catalog, timed once, then the discovery searches' answers and medians)
return args switch
{
    ["lag", .. var rest] => await LagHarness.RunAsync(rest),
    ["lag-follower", .. var rest] => await LagFollower.RunAsync(rest),
    ["memory", .. var rest] => CatalogCommands.Memory(rest),
    ["load-time", .. var rest] => CatalogCommands.LoadTime(rest),
    ["scale", .. var rest] => CatalogCommands.Scale(rest),
    ["search-time", .. var rest] => CatalogCommands.SearchTime(rest),
    ["postgres-load", .. var rest] => await CatalogCommands.PostgreSqlLoad(rest),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

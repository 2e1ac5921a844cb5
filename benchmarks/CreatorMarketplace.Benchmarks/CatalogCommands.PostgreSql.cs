using System.Diagnostics;
using System.Globalization;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using Npgsql;

namespace CreatorMarketplace.Benchmarks;

internal static partial class CatalogCommands
{
    /// <summary>
    /// A bulk load of generated creators into a new PostgreSQL catalog, timed once by the wall clock (the listings made
    /// as the load asks for them), then the discovery searches' answers and the median of several of each, the same
    /// schema the search benchmarks use. A one-off measurement for a machine where BenchmarkDotNet's repeated
    /// minutes-long loads are out of reach; quote it with the load average it ran under. With <c>--reuse</c> a schema
    /// that already holds the creators is searched without loading it again. Runs when CREATOR_MARKETPLACE_POSTGRES
    /// names a server.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- postgres-load [--creators 1000000] [--searches 9] [--reuse]</c>
    /// </remarks>
    public static async Task<int> PostgreSqlLoad(string[] args)
    {
        var creators = Int(args, "--creators", 1_000_000);
        var searches = Int(args, "--searches", 9);
        var schema = $"bench_catalog_{creators}";
        await using var postgres = NpgsqlDataSource.Create(BenchmarkServer.ConnectionString("The postgres-load command fills a PostgreSQL catalog"));
        var catalog = new PostgreSqlCreatorCatalog(postgres, new PostgreSqlStoreOptions { Schema = schema });
        await catalog.MigrateAsync();
        var loaded = (int)(await catalog.SearchAsync(new CreatorQuery { PageSize = 1 })).AsT0.TotalCount;
        if (!args.Contains("--reuse") || loaded != creators)
        {
            await using (var drop = postgres.CreateCommand($"""DROP SCHEMA "{schema}" CASCADE;"""))
            {
                await drop.ExecuteNonQueryAsync();
            }

            catalog = new PostgreSqlCreatorCatalog(postgres, new PostgreSqlStoreOptions { Schema = schema });
            await catalog.MigrateAsync();
            Console.WriteLine($"load average before: {LoadAverage()}");
            var processor = Process.GetCurrentProcess().TotalProcessorTime;
            var load = Stopwatch.StartNew();
            loaded = await catalog.LoadAsync(GeneratedCatalog.Listings(creators).ToAsyncEnumerable());
            load.Stop();
            processor = Process.GetCurrentProcess().TotalProcessorTime - processor;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{loaded:N0} creators loaded in {load.Elapsed.TotalSeconds:N1} s ({processor.TotalSeconds:N1} s of this process's processor time); load average after: {LoadAverage()}"));
        }

        foreach (var query in new[] { DiscoveryBenchmarks.Query, DiscoveryBenchmarks.Query with { IncludeFacets = true }, KeywordBenchmarks.Query })
        {
            var times = new List<double>();
            CreatorSearchPage page = null!;
            for (var i = 0; i < searches; i++)
            {
                var search = Stopwatch.StartNew();
                page = (await catalog.SearchAsync(query)).AsT0;
                times.Add(search.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{page.TotalCount:N0} creators, page {PageDigest(page)}, facets {page.Facets?.ByCountry.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}: first search {times[0]:N1} ms at best, {times[times.Count / 2]:N1} ms the median of {searches} (load average {LoadAverage()})"));
        }

        return loaded == creators ? 0 : 1;
    }

    // The page's ids, digested the same in every process (a string's hash code is not).
    private static string PageDigest(CreatorSearchPage page) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", page.Items.Select(item => item.Id)))))[..8];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}

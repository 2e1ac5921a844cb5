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
    /// as the load asks for them), then the six-filter search's answer, the same schema the search benchmarks use. A
    /// one-off measurement for a machine where BenchmarkDotNet's repeated minutes-long loads are out of reach; quote it
    /// with the load average it ran under. Runs when CREATOR_MARKETPLACE_POSTGRES names a server.
    /// </summary>
    /// <remarks>
    /// <c>dotnet run -c Release --project benchmarks/CreatorMarketplace.Benchmarks -- postgres-load [--creators 1000000]</c>
    /// </remarks>
    public static async Task<int> PostgreSqlLoad(string[] args)
    {
        var creators = Int(args, "--creators", 1_000_000);
        var schema = $"bench_catalog_{creators}";
        await using var postgres = NpgsqlDataSource.Create(BenchmarkServer.ConnectionString("The postgres-load command fills a PostgreSQL catalog"));
        await using (var drop = postgres.CreateCommand($"""DROP SCHEMA IF EXISTS "{schema}" CASCADE;"""))
        {
            await drop.ExecuteNonQueryAsync();
        }

        var catalog = new PostgreSqlCreatorCatalog(postgres, new PostgreSqlStoreOptions { Schema = schema });
        await catalog.MigrateAsync();
        Console.WriteLine($"load average before: {LoadAverage()}");
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var loaded = await catalog.LoadAsync(GeneratedCatalog.Listings(creators).ToAsyncEnumerable());
        clock.Stop();
        processor = Process.GetCurrentProcess().TotalProcessorTime - processor;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{loaded:N0} creators loaded in {clock.Elapsed.TotalSeconds:N1} s ({processor.TotalSeconds:N1} s of this process's processor time); load average after: {LoadAverage()}"));

        foreach (var query in new[] { DiscoveryBenchmarks.Query, DiscoveryBenchmarks.Query with { IncludeFacets = true }, KeywordBenchmarks.Query })
        {
            clock.Restart();
            var page = (await catalog.SearchAsync(query)).AsT0;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{page.TotalCount:N0} creators, page {PageDigest(page)}, facets {page.Facets?.ByCountry.Count.ToString(CultureInfo.InvariantCulture) ?? "none"}: first search {clock.Elapsed.TotalMilliseconds:N0} ms"));
        }

        return loaded == creators ? 0 : 1;
    }

    // The page's ids, digested the same in every process (a string's hash code is not).
    private static string PageDigest(CreatorSearchPage page) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", page.Items.Select(item => item.Id)))))[..8];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}

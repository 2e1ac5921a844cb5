namespace CreatorMarketplace.Benchmarks;

/// <summary>The PostgreSQL server the database benchmarks and the lag harness run on.</summary>
internal static class BenchmarkServer
{
    /// <summary>The connection string CREATOR_MARKETPLACE_POSTGRES holds, or an error saying what needs it.</summary>
    /// <param name="need">What needs the server, as the error's opening words ("BulkReadBenchmarks reads a PostgreSQL store").</param>
    /// <returns>The connection string.</returns>
    public static string ConnectionString(string need) =>
        Environment.GetEnvironmentVariable("CREATOR_MARKETPLACE_POSTGRES") is { Length: > 0 } given
            ? given
            : throw new InvalidOperationException($"{need}: set CREATOR_MARKETPLACE_POSTGRES to its connection string.");
}

using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Testing;
using CreatorMarketplace.Tests.Discovery;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// The catalog contract, unchanged, against the PostgreSQL catalog: each catalog in a fresh schema, its bulk load in
/// batches of 7 so that a load spans many.
/// </summary>
public class PostgreSqlCreatorCatalogTests : CreatorCatalogContract, IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    /// <summary>Which terms the catalog may push down to SQL: all of them here.</summary>
    private protected virtual Func<CreatorQueryTerm, bool> MayPushDown { get; } = static _ => true;

    protected override ICreatorCatalog CreateCatalog()
    {
        var schema = PostgreSqlServer.NewSchema();
        var catalog = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema }) { MayPushDown = MayPushDown, LoadBatch = 7 };
        _schemas.Add(schema);
        return catalog;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);
}

/// <summary>The contract with no term pushed down to SQL: SQL returns every creator and the residual check decides every term in .NET.</summary>
public sealed class PostgreSqlCreatorCatalogResidualTests : PostgreSqlCreatorCatalogTests
{
    private protected override Func<CreatorQueryTerm, bool> MayPushDown { get; } = static _ => false;
}

public sealed class PostgreSqlCatalogPushDownTests
{
    [Fact]
    public void Every_term_a_query_can_produce_runs_in_sql_but_eligibility()
    {
        using var dataSource = Npgsql.NpgsqlDataSource.Create("Host=localhost");
        var database = new PostgreSqlDatabase(dataSource, "unused");

        foreach (var platform in new[] { null, Platform.Instagram })
        {
            var search = new CatalogSearch(CreatorCatalogContract.QueryWithEveryFilter(platform), database, static _ => true);

            search.Residual.Terms.Select(term => term.GetType()).ShouldBe([typeof(CreatorQueryTerm.Eligibility)]);
            search.IsExactInSql.ShouldBeFalse();
        }

        new CatalogSearch(CreatorCatalogContract.QueryWithEveryFilter(null) with { Eligibility = null }, database, static _ => true).IsExactInSql.ShouldBeTrue();
    }
}

/// <summary>A bulk load that fails part-way keeps every batch it read before the failure, the one being merged included.</summary>
public sealed class PostgreSqlCatalogLoadFailureTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_load_that_fails_keeps_the_batches_before_the_failure_whole(bool nullListing)
    {
        var dataSource = PostgreSqlServer.DataSource();
        var schema = PostgreSqlServer.NewSchema();
        _schemas.Add(schema);
        var catalog = new PostgreSqlCreatorCatalog(dataSource, new PostgreSqlStoreOptions { Schema = schema }) { LoadBatch = 7 };
        var listings = new CreatorGenerator(31, new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 12, 4, 9, 0))).Generate(20).Select(creator => creator.ToListing()).ToList();

        // Two whole batches of 7, then a third cut short by the failure at the 18th listing.
        async IAsyncEnumerable<CreatorListing> Failing()
        {
            foreach (var listing in listings.Take(17))
            {
                await Task.Yield();
                yield return listing;
            }

            if (nullListing)
            {
                yield return null!;
            }

            throw new IOException("the source went away");
        }

        var failure = await Should.ThrowAsync<Exception>(async () => await catalog.LoadAsync(Failing()));

        failure.ShouldBeOfType(nullListing ? typeof(ArgumentNullException) : typeof(IOException));
        for (var i = 0; i < listings.Count; i++)
        {
            (await catalog.FindAsync(listings[i].Id) is not null).ShouldBe(i < 14, $"listing {i}");
        }
    }
}

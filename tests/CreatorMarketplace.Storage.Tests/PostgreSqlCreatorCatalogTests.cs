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

/// <summary>
/// A bulk load that fails part-way, or is cancelled, changes nothing: into an empty catalog (which it would have
/// replaced with new tables) and into one that holds creators (into which it merges batch by batch).
/// </summary>
public sealed class PostgreSqlCatalogLoadFailureTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<CreatorListing> Generated =
        new CreatorGenerator(31, new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 12, 4, 9, 0))).Generate(20).Select(creator => creator.ToListing()).ToList();

    // What the loads write: each creator a version on, back from vacation or gone on it.
    private static readonly IReadOnlyList<CreatorListing> Listings = Generated.Select(Newer).ToList();

    private readonly List<string> _schemas = [];

    public enum Failure
    {
        NullListing,
        SourceFails,
        Cancelled,
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);

    [SkippableTheory]
    [InlineData(Failure.NullListing, false)]
    [InlineData(Failure.SourceFails, false)]
    [InlineData(Failure.Cancelled, false)]
    [InlineData(Failure.NullListing, true)]
    [InlineData(Failure.SourceFails, true)]
    [InlineData(Failure.Cancelled, true)]
    public async Task A_load_that_fails_or_is_cancelled_changes_nothing(Failure failure, bool catalogHoldsCreators)
    {
        var dataSource = PostgreSqlServer.DataSource();
        var schema = PostgreSqlServer.NewSchema();
        _schemas.Add(schema);
        var catalog = new PostgreSqlCreatorCatalog(dataSource, new PostgreSqlStoreOptions { Schema = schema }) { LoadBatch = 7 };

        // Held before: the last three creators, a version behind the load's.
        var before = Generated.Skip(17).ToList();
        if (catalogHoldsCreators)
        {
            foreach (var listing in before)
            {
                (await catalog.UpsertAsync(listing)).ShouldBeTrue();
            }
        }

        // Two whole batches of 7, then a third cut short by the failure at the 18th listing.
        using var cancellation = new CancellationTokenSource();
        async IAsyncEnumerable<CreatorListing> Failing()
        {
            foreach (var listing in Listings.Take(17).Concat(Listings.Skip(17).Take(failure == Failure.Cancelled ? 0 : 3)))
            {
                await Task.Yield();
                yield return listing;
            }

            switch (failure)
            {
                case Failure.NullListing:
                    yield return null!;
                    break;
                case Failure.Cancelled:
                    await cancellation.CancelAsync();
                    yield return Listings[17];
                    break;
                default:
                    throw new IOException("the source went away");
            }
        }

        var thrown = await Should.ThrowAsync<Exception>(async () => await catalog.LoadAsync(Failing(), cancellation.Token));

        thrown.ShouldBeAssignableTo(failure switch
        {
            Failure.NullListing => typeof(ArgumentNullException),
            Failure.Cancelled => typeof(OperationCanceledException),
            _ => typeof(IOException),
        });
        for (var i = 0; i < Listings.Count; i++)
        {
            (await catalog.FindAsync(Listings[i].Id)).ShouldBe(catalogHoldsCreators && i >= 17 ? before[i - 17] : null, $"listing {i}");
        }

        var page = (await catalog.SearchAsync(new CreatorQuery { PageSize = 50 })).AsT0;
        page.TotalCount.ShouldBe(catalogHoldsCreators ? before.Count : 0);

        // The catalog still loads, whole, afterwards.
        (await catalog.LoadAsync(Listings.ToAsyncEnumerable())).ShouldBe(Listings.Count);
        (await catalog.FindAsync(Listings[^1].Id)).ShouldBe(Listings[^1]);
    }

    private static CreatorListing Newer(CreatorListing listing) =>
        CreatorListing.Create(listing.Id, listing.Version + 1, listing.RegisteredAt, listing.Profile, listing.Accounts, listing.Audience, listing.RateCard, listing.Badges, !listing.OnVacation, listing.PastCampaignCount, listing.ComplianceHistory);
}

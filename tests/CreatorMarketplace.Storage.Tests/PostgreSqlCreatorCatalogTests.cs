using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
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

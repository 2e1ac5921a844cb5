using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Tests.Discovery;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>The catalog contract, unchanged, against the PostgreSQL catalog: each catalog in a fresh schema.</summary>
public sealed class PostgreSqlCreatorCatalogTests : CreatorCatalogContract, IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    protected override ICreatorCatalog CreateCatalog()
    {
        var schema = PostgreSqlServer.NewSchema();
        var catalog = new PostgreSqlCreatorCatalog(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        _schemas.Add(schema);
        return catalog;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);
}

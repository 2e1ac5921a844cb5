using CreatorMarketplace.Storage.PostgreSql;

namespace CreatorMarketplace.Storage.Tests;

public sealed class PostgreSqlStoreTests : MarketplaceStoreContract, IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    protected override Task<IMarketplaceStore> CreateStoreAsync()
    {
        var schema = PostgreSqlServer.NewSchema();
        var store = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        _schemas.Add(schema);
        return Task.FromResult<IMarketplaceStore>(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlServer.DropAsync(_schemas);
}

using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

public sealed class PostgreSqlStoreTests : MarketplaceStoreContract, IAsyncLifetime
{
    private readonly List<string> _schemas = [];
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override Task<IMarketplaceStore> CreateStoreAsync()
    {
        var schema = PostgreSqlServer.NewSchema();
        var store = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = schema });
        _schemas.Add(schema);
        return Task.FromResult<IMarketplaceStore>(store);
    }

    // Its own data source, so its own connections, as another server's would be.
    protected override Task<IMarketplaceStore> OpenAgainAsync(IMarketplaceStore store)
    {
        var dataSource = NpgsqlDataSource.Create(PostgreSqlServer.ConnectionString!);
        _dataSources.Add(dataSource);
        return Task.FromResult<IMarketplaceStore>(new PostgreSqlMarketplaceStore(dataSource, new PostgreSqlStoreOptions { Schema = ((PostgreSqlMarketplaceStore)store).Schema }));
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist)
    {
        var newer = new PostgreSqlMarketplaceStore(PostgreSqlServer.DataSource(), new PostgreSqlStoreOptions { Schema = ((PostgreSqlMarketplaceStore)store).Schema, Formats = NewerRelease });
        (await newer.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await PostgreSqlServer.DropAsync(_schemas);
    }
}

using CreatorMarketplace.DependencyInjection;
using Npgsql;

namespace CreatorMarketplace.Samples.Api;

/// <summary>Where the sample keeps its data: a SQLite file by default, PostgreSQL when configuration names it.</summary>
internal static class MarketplaceStorage
{
    /// <summary>The configuration key naming the store: <c>sqlite</c> (the default) or <c>postgresql</c>.</summary>
    public const string StoreKey = "Marketplace:Store";

    /// <summary>The SQLite file, relative to the content root unless absolute (<c>marketplace.db</c> unless given).</summary>
    public const string SqlitePathKey = "Marketplace:SqlitePath";

    /// <summary>The PostgreSQL schema of the tables (the store's default, <c>creator_marketplace</c>, unless given).</summary>
    public const string SchemaKey = "Marketplace:PostgreSqlSchema";

    /// <summary>The name of the PostgreSQL connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Marketplace";

    public static void Choose(CreatorMarketplaceBuilder marketplace, IConfiguration configuration, IHostEnvironment environment)
    {
        var store = configuration[StoreKey] ?? "sqlite";
        if (string.Equals(store, "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"{StoreKey}=postgresql needs ConnectionStrings:{ConnectionStringName}.");

            // The container owns the data source it makes, and disposes it with itself.
            marketplace.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            var schema = configuration[SchemaKey];
            marketplace.UsePostgreSql(services => services.GetRequiredService<NpgsqlDataSource>(), options => options.Schema = schema ?? options.Schema);
            return;
        }

        if (!string.Equals(store, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{StoreKey} is \"sqlite\" or \"postgresql\", got \"{store}\".");
        }

        marketplace.UseSqlite(Path.Combine(environment.ContentRootPath, configuration[SqlitePathKey] ?? "marketplace.db"));
    }
}

using CreatorMarketplace.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Chooses the PostgreSQL store in <c>AddCreatorMarketplace</c>.</summary>
public static class PostgreSqlCreatorMarketplaceBuilderExtensions
{
    /// <summary>Keeps everything in PostgreSQL through a data source the application owns, replacing any store chosen before.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <param name="configure">Sets the options (the schema, say); the defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is null.</exception>
    public static CreatorMarketplaceBuilder UsePostgreSql(this CreatorMarketplaceBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSql(_ => dataSource, configure);
    }

    /// <summary>
    /// Keeps everything in PostgreSQL through a data source taken from the services (one registered with Npgsql's own
    /// DI package, say). The store's change feed times its waits by a registered <see cref="TimeProvider"/>, or the system's.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">Gets the data source from the services.</param>
    /// <param name="configure">Sets the options; the defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is null.</exception>
    public static CreatorMarketplaceBuilder UsePostgreSql(this CreatorMarketplaceBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder
            .AddValidatedOptions(configure ?? (_ => { }), options => options.Validate())
            .UseStore(services => new PostgreSqlMarketplaceStore(
                dataSource(services),
                services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                services.GetService<ILogger<PostgreSqlMarketplaceStore>>()));
    }

    /// <summary>
    /// Searches creators in PostgreSQL (<see cref="PostgreSqlCreatorCatalog"/>) instead of in memory, through a data
    /// source the application owns; with <see cref="UsePostgreSql(CreatorMarketplaceBuilder, NpgsqlDataSource, Action{PostgreSqlStoreOptions}?)"/>
    /// the catalog and the store share the options and so the schema.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <param name="configure">Sets the options (the schema, say); the defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is null.</exception>
    public static CreatorMarketplaceBuilder UsePostgreSqlCatalog(this CreatorMarketplaceBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder
            .AddValidatedOptions(configure ?? (_ => { }), options => options.Validate())
            .UseCatalog(services => new PostgreSqlCreatorCatalog(dataSource, services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
    }
}

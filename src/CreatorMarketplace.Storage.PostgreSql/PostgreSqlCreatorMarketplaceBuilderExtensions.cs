using CreatorMarketplace.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        return builder.AddValidatedOptions(configure ?? (_ => { }), Validate).UsePostgreSqlStore(dataSource);
    }

    /// <summary>
    /// Keeps everything in PostgreSQL, with options bound from a configuration section
    /// (<c>"PostgreSql": { "ConnectionString": "Host=…", "Schema": "tenant_a" }</c>) and validated at start, each problem
    /// and each unknown key named by its configuration path. The store's data source is made from
    /// <see cref="PostgreSqlStoreOptions.ConnectionString"/>, which no message shows, and disposed with the container.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="PostgreSqlStoreOptions"/>' properties (at least <c>ConnectionString</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CreatorMarketplaceBuilder UsePostgreSql(this CreatorMarketplaceBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddConfiguredDataSource(section).UsePostgreSqlStore(ConfiguredDataSource.From);
    }

    /// <summary>
    /// Searches creators in PostgreSQL (<see cref="PostgreSqlCreatorCatalog"/>) instead of in memory, with options bound
    /// from a configuration section, as <see cref="UsePostgreSql(CreatorMarketplaceBuilder, IConfiguration)"/> binds
    /// them (given the same section, the catalog and the store share the options and one data source).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="PostgreSqlStoreOptions"/>' properties (at least <c>ConnectionString</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CreatorMarketplaceBuilder UsePostgreSqlCatalog(this CreatorMarketplaceBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddConfiguredDataSource(section).UsePostgreSqlCatalog(ConfiguredDataSource.From);
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
        return builder.AddValidatedOptions(configure ?? (_ => { }), Validate).UsePostgreSqlCatalog(_ => dataSource);
    }

    private static void Validate(PostgreSqlStoreOptions options) => options.Validate();

    private static CreatorMarketplaceBuilder UsePostgreSqlStore(this CreatorMarketplaceBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource) =>
        builder.UseStore(services => new PostgreSqlMarketplaceStore(
            dataSource(services),
            services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<PostgreSqlMarketplaceStore>>()));

    private static CreatorMarketplaceBuilder UsePostgreSqlCatalog(this CreatorMarketplaceBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource) =>
        builder.UseCatalog(services => new PostgreSqlCreatorCatalog(dataSource(services), services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));

    private static CreatorMarketplaceBuilder AddConfiguredDataSource(this CreatorMarketplaceBuilder builder, IConfiguration section)
    {
        builder.AddValidatedOptions<PostgreSqlStoreOptions>(section, options => options.Validate(connectionStringRequired: true));
        builder.Services.TryAddSingleton(services => new ConfiguredDataSource(NpgsqlDataSource.Create(services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.ConnectionString!)));
        return builder;
    }

    // The data source made from the configured connection string: the container owns it and disposes it.
    private sealed class ConfiguredDataSource(NpgsqlDataSource dataSource) : IDisposable, IAsyncDisposable
    {
        public static NpgsqlDataSource From(IServiceProvider services) => services.GetRequiredService<ConfiguredDataSource>().DataSource;

        public NpgsqlDataSource DataSource { get; } = dataSource;

        public void Dispose() => DataSource.Dispose();

        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }
}

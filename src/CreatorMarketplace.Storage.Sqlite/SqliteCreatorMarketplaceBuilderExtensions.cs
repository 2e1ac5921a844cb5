using CreatorMarketplace.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreatorMarketplace.DependencyInjection;

/// <summary>Chooses the SQLite store in <c>AddCreatorMarketplace</c>.</summary>
public static class SqliteCreatorMarketplaceBuilderExtensions
{
    /// <summary>Keeps everything in one SQLite file, replacing any store chosen before.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file; created, with its folder, when missing.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static CreatorMarketplaceBuilder UseSqlite(this CreatorMarketplaceBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseSqlite(options => options.Path = path);
    }

    /// <summary>
    /// Keeps everything in one SQLite file, with options set by <paramref name="configure"/> and validated at start.
    /// The store's change feed times its waits by a registered <see cref="TimeProvider"/>, or the system's.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options (at least <see cref="SqliteStoreOptions.Path"/>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CreatorMarketplaceBuilder UseSqlite(this CreatorMarketplaceBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddValidatedOptions(configure, Validate).UseSqliteStore();
    }

    /// <summary>
    /// Keeps everything in one SQLite file, with options bound from a configuration section
    /// (<c>"Sqlite": { "Path": "data/marketplace.db" }</c>) and validated at start, each problem and each unknown key
    /// named by its configuration path.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section whose keys are <see cref="SqliteStoreOptions"/>' properties (at least <c>Path</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CreatorMarketplaceBuilder UseSqlite(this CreatorMarketplaceBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.AddValidatedOptions<SqliteStoreOptions>(section, Validate).UseSqliteStore();
    }

    private static void Validate(SqliteStoreOptions options) => options.Validate();

    private static CreatorMarketplaceBuilder UseSqliteStore(this CreatorMarketplaceBuilder builder) =>
        builder.UseStore(services => new SqliteMarketplaceStore(
            services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<SqliteMarketplaceStore>>()));
}

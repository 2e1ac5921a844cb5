using CreatorMarketplace.Storage.Sqlite;
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
        return builder
            .AddValidatedOptions(configure, options => options.Validate())
            .UseStore(services => new SqliteMarketplaceStore(
                services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                services.GetService<ILogger<SqliteMarketplaceStore>>()));
    }
}

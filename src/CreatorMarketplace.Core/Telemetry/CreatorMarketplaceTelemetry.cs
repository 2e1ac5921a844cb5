namespace CreatorMarketplace;

/// <summary>
/// The names of the library's <see cref="System.Diagnostics.ActivitySource"/>s and
/// <see cref="System.Diagnostics.Metrics.Meter"/>s: one of each per package, both named after the package, so that an
/// application listens to them by name with or without OpenTelemetry (docs/observability.md lists their spans and
/// instruments).
/// </summary>
public static class CreatorMarketplaceTelemetry
{
    /// <summary>Core's source and meter: searches of the in-memory catalog, the in-memory store, the outbox dispatcher, the catalog follower.</summary>
    public const string Core = "CreatorMarketplace.Core";

    /// <summary>The SQLite store's source and meter.</summary>
    public const string StorageSqlite = "CreatorMarketplace.Storage.Sqlite";

    /// <summary>The PostgreSQL store's and catalog's source and meter.</summary>
    public const string StoragePostgreSql = "CreatorMarketplace.Storage.PostgreSql";

    /// <summary>The TikTok connector's source and meter.</summary>
    public const string ConnectorsTikTok = "CreatorMarketplace.Connectors.TikTok";

    /// <summary>The YouTube connector's source and meter.</summary>
    public const string ConnectorsYouTube = "CreatorMarketplace.Connectors.YouTube";

    /// <summary>The Instagram connector's source and meter.</summary>
    public const string ConnectorsInstagram = "CreatorMarketplace.Connectors.Instagram";

    /// <summary>Every source's and meter's name: a source and a meter of one package share it.</summary>
    public static IReadOnlyList<string> Names { get; } = [Core, StorageSqlite, StoragePostgreSql, ConnectorsTikTok, ConnectorsYouTube, ConnectorsInstagram];
}

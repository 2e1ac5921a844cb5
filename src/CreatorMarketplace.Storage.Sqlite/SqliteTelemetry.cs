using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Storage.Sqlite;

// The package's one ActivitySource and Meter, and the store's instruments on them.
internal static class SqliteTelemetry
{
    public static PackageTelemetry Package { get; } = new(CreatorMarketplaceTelemetry.StorageSqlite);

    public static StoreInstruments Store { get; } = new(Package);
}

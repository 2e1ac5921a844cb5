using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Storage.PostgreSql;

// The package's one ActivitySource and Meter, and the store's instruments on them.
internal static class PostgreSqlTelemetry
{
    public static PackageTelemetry Package { get; } = new(CreatorMarketplaceTelemetry.StoragePostgreSql);

    public static StoreInstruments Store { get; } = new(Package);
}

namespace CreatorMarketplace.Hosting.Instance;

/// <summary>The table an instance's publisher records each delivery in, in the store's schema; the test creates it.</summary>
internal static class DeliveryTable
{
    /// <summary>The statement that creates the table.</summary>
    /// <param name="schema">The store's schema.</param>
    /// <returns>The SQL.</returns>
    public static string Create(string schema) =>
        $"""
        CREATE TABLE "{schema}".fleet_deliveries (
            number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id uuid NOT NULL,
            aggregate_id uuid NOT NULL,
            aggregate_version bigint NOT NULL,
            position bigint NOT NULL,
            instance text NOT NULL,
            delivered_at timestamptz NOT NULL DEFAULT clock_timestamp());
        """;

    /// <summary>The statement that records one delivery: $1 event id, $2 aggregate id, $3 its version, $4 position, $5 instance.</summary>
    /// <param name="schema">The store's schema.</param>
    /// <returns>The SQL.</returns>
    public static string Insert(string schema) =>
        $"""INSERT INTO "{schema}".fleet_deliveries (event_id, aggregate_id, aggregate_version, position, instance) VALUES ($1, $2, $3, $4, $5);""";
}

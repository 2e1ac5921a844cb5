using System.Globalization;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using DuckDB.NET.Data;

namespace CreatorMarketplace.Benchmarks;

/// <summary>
/// DuckDB in-process over the same creators: one table of the columns the discovery query filters, counts and orders
/// on (countries, labels and languages as codes and bit masks, as <see cref="FlatCreators"/> holds them), loaded
/// through the appender, queried on one thread; the page's rows are the listings at the positions it returns.
/// </summary>
internal sealed class DuckDbCreators : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly CreatorListing[] _listings;
    private readonly DuckDBCommand _search;

    public DuckDbCreators(IReadOnlyList<CreatorListing> listings)
    {
        _listings = [.. listings];
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("SET threads TO 1");
        Execute("""
            CREATE TABLE creators (
                position INTEGER NOT NULL, id_order INTEGER NOT NULL, country UTINYINT NOT NULL, labels UBIGINT NOT NULL,
                followers BIGINT, engagement_rate DOUBLE, female_share DOUBLE, price_currency VARCHAR, price_minor_units BIGINT)
            """);

        // The id's order as the query defines it (CreatorId.CompareTo), which a UUID column in DuckDB would not keep.
        var idOrder = new int[_listings.Length];
        var byId = Enumerable.Range(0, _listings.Length).ToArray();
        Array.Sort(byId, (a, b) => _listings[a].Id.CompareTo(_listings[b].Id));
        for (var rank = 0; rank < byId.Length; rank++)
        {
            idOrder[byId[rank]] = rank;
        }

        Countries = _listings.Select(listing => listing.Profile.HomeCountry).Distinct().ToArray();
        Labels = _listings.SelectMany(listing => listing.Profile.ContentLabels).Distinct().ToArray();
        using (var appender = _connection.CreateAppender("creators"))
        {
            for (var i = 0; i < _listings.Length; i++)
            {
                var listing = _listings[i];
                var stats = listing.PrimaryAccount.Stats;
                var price = listing.RateCard?.LowestPrice;
                var labels = 0UL;
                foreach (var label in listing.Profile.ContentLabels)
                {
                    labels |= 1UL << Array.IndexOf(Labels, label);
                }

                var row = appender.CreateRow()
                    .AppendValue(i)
                    .AppendValue(idOrder[i])
                    .AppendValue((byte)Array.IndexOf(Countries, listing.Profile.HomeCountry))
                    .AppendValue(labels)
                    .AppendValue(stats.Followers)
                    .AppendValue(stats.EngagementRate)
                    .AppendValue(listing.Audience.Gender is { } gender ? gender[AudienceGender.Female].Fraction : (double?)null);
                row = price is { } known ? row.AppendValue(known.Currency.Code).AppendValue(known.MinorUnits) : row.AppendNullValue().AppendNullValue();
                row.EndRow();
            }
        }

        var countries = string.Join(", ", new[] { Country.US, Country.GB, Country.CA }.Select(c => Array.IndexOf(Countries, c)));
        var labelMask = new[] { "beauty", "fashion", "lifestyle" }.Aggregate(0UL, (mask, id) => mask | (1UL << Array.IndexOf(Labels, new ContentLabel(id))));
        _search = _connection.CreateCommand();
        _search.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT position, count(*) OVER () AS total
            FROM creators
            WHERE country IN ({countries}) AND (labels & {labelMask}::UBIGINT) <> 0
              AND followers BETWEEN 10000 AND 1000000 AND engagement_rate >= 0.03 AND female_share >= 0.5
              AND price_currency = 'USD' AND price_minor_units <= 500000
            ORDER BY engagement_rate DESC, id_order
            LIMIT $limit
            """);
        _search.Parameters.Add(new DuckDBParameter("limit", 50));
    }

    private Country[] Countries { get; }

    private ContentLabel[] Labels { get; }

    /// <summary>The total and the first page by engagement rate (largest first, then id).</summary>
    public (int Total, CreatorListing[] Page) Search(int pageSize)
    {
        _search.Parameters[0].Value = pageSize;
        var page = new List<CreatorListing>(pageSize);
        var total = 0;
        using var reader = _search.ExecuteReader();
        while (reader.Read())
        {
            page.Add(_listings[reader.GetInt32(0)]);
            total = (int)reader.GetInt64(1);
        }

        return (total, [.. page]);
    }

    public void Dispose()
    {
        _search.Dispose();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

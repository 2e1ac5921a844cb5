using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// A CreatorQuery as SQL over the catalog's tables. Every filter but eligibility becomes a condition on the indexed
// columns that holds exactly when CreatorQuery.Matches says so; the keyword rank and the sort keys become
// expressions ordered exactly as CreatorQuery.Compare orders positions. What SQL cannot decide (eligibility, a
// custom score) leaves the query to be finished in .NET: then SQL only narrows the candidates. A keyword is always
// text PostgreSQL can hold, since a valid query's keyword keeps the kernel's TextRule.
internal sealed class CatalogSearch
{
    private readonly CreatorQuery _query;
    private readonly PostgreSqlDatabase _database;
    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly List<string> _conditions = [];
    private readonly string _from;
    private readonly string? _rank;

    public CatalogSearch(CreatorQuery query, PostgreSqlDatabase database)
    {
        _query = query;
        _database = database;
        var keyword = query.Keyword is null ? null : KeywordText.Fold(query.Keyword.Trim());
        IsExactInSql = query.Eligibility is null && query.Sort != CreatorSort.Score;
        Account = query.Platform is null ? "l" : "a";

        var from = $"{database.Table("creator_catalog")} l";
        if (query.Platform is { } platform)
        {
            from += $" JOIN {database.Table("creator_catalog_accounts")} a ON a.creator_id = l.id AND a.platform = {Parameter(platform.Name, NpgsqlDbType.Text)}";
        }

        if (keyword is not null)
        {
            // Ranked as KeywordRank ranks: any handle, then the display name, then the bio, each folded and
            // searched as an ordinal substring (strpos compares code points, as an ordinal search of valid text does).
            var text = Parameter(keyword, NpgsqlDbType.Text);
            from += $"""
                 CROSS JOIN LATERAL (SELECT CASE
                    WHEN EXISTS (SELECT 1 FROM unnest(l.handles_folded) AS h WHERE strpos(h, {text}) > 0) THEN 3
                    WHEN strpos(l.name_folded, {text}) > 0 THEN 2
                    WHEN strpos(l.bio_folded, {text}) > 0 THEN 1
                    ELSE 0 END AS rank) k
                """;
            // The rank orders only a relevance sort; under another sort every position's rank is 0.
            _rank = query.Sort == CreatorSort.Relevance ? "k.rank" : null;
            Where($"l.keyword_text LIKE {Parameter("%" + EscapeLike(keyword) + "%", NpgsqlDbType.Text)}");
            Where("k.rank > 0");
        }

        _from = from;
        AddFilters();
    }

    // Whether SQL decides the whole answer: the matches, their order and the page.
    public bool IsExactInSql { get; }

    // The alias of the table whose account numbers are filtered: the catalog's primary account, or the account on
    // the query's platform.
    private string Account { get; }

    // The page: the matches after the cursor in the query's order, one more than a page to tell whether another follows.
    public NpgsqlBatchCommand PageCommand()
    {
        var keyset = Keyset();
        return Command($"""
            SELECT l.document::text FROM {_from}
            WHERE {Conditions(keyset)}
            ORDER BY {Order()}
            LIMIT {_query.PageSize + 1};
            """);
    }

    // The total and, when asked for, the facets: kind 0 is the total, then 1 country, 2 language, 3 content label, 4 tier.
    public NpgsqlBatchCommand CountCommand()
    {
        if (!_query.IncludeFacets)
        {
            return Command($"SELECT 0, NULL::text, count(*) FROM {_from} WHERE {Conditions()};");
        }

        return Command($"""
            WITH m AS MATERIALIZED (
                SELECT l.home_country, l.languages, l.content_labels, {Account}.tier FROM {_from} WHERE {Conditions()}
            )
            SELECT 0, NULL::text, count(*) FROM m
            UNION ALL SELECT 1, home_country, count(*) FROM m GROUP BY home_country
            UNION ALL SELECT 2, language, count(*) FROM m CROSS JOIN LATERAL unnest(m.languages) AS language GROUP BY language
            UNION ALL SELECT 3, label, count(*) FROM m CROSS JOIN LATERAL unnest(m.content_labels) AS label GROUP BY label
            UNION ALL SELECT 4, tier::text, count(*) FROM m GROUP BY tier;
            """);
    }

    // Every candidate, in no order, for a query finished in .NET.
    public NpgsqlCommand CandidatesCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand($"SELECT l.document::text FROM {_from} WHERE {Conditions()};", connection);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    private void AddFilters()
    {
        var query = _query;
        var account = Account;
        if (query.Countries.Count > 0)
        {
            Where($"l.home_country = ANY ({Parameter(query.Countries.Select(c => c.Code).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        if (query.Subdivisions.Count > 0)
        {
            // A default subdivision has no code and matches no home, as in the query.
            Where($"l.home_subdivision = ANY ({Parameter(query.Subdivisions.Select(s => s.Code).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
        }

        if (query.ContentLabels.Count > 0)
        {
            Where($"l.content_labels && {Parameter(query.ContentLabels.Select(l => l.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        if (query.IndustryLabels.Count > 0)
        {
            Where($"l.industry_labels && {Parameter(query.IndustryLabels.Select(l => l.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        if (query.Languages.Count > 0)
        {
            Where($"l.languages && {Parameter(query.Languages.Select(l => l.Code).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        if (query.Tiers.Count > 0)
        {
            Where($"{account}.tier = ANY ({Parameter(query.Tiers.Select(t => (short)t.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint)})");
        }

        // A number not reported is NULL, which satisfies no bound: missing is not zero.
        Range($"{account}.followers", query.Followers, NpgsqlDbType.Bigint);
        Range($"{account}.average_views", query.AverageViews, NpgsqlDbType.Bigint);
        Range($"{account}.median_views", query.MedianViews, NpgsqlDbType.Bigint);
        Range($"{account}.engagement_rate", query.EngagementRate, NpgsqlDbType.Double);
        Range("l.past_campaigns", query.PastCampaignCount, NpgsqlDbType.Integer);
        AddPrice(query.Price);

        foreach (var threshold in query.FollowerCountries)
        {
            Threshold(CatalogRow.CountryBucket(threshold.Bucket), threshold.MinShare, "l.countries_known");
        }

        if (query.FollowerGender is { } gender)
        {
            Threshold(CatalogRow.GenderBucket(gender.Bucket), gender.MinShare, "l.gender_known");
        }

        foreach (var threshold in query.FollowerAges)
        {
            Threshold(CatalogRow.AgeBucket(threshold.Bucket), threshold.MinShare, "l.age_known");
        }

        if (query.RequireResponsiveBadge)
        {
            Where($"l.badges @> {Parameter(new[] { Badge.Responsive.Name }, NpgsqlDbType.Array | NpgsqlDbType.Text)}");
        }

        if (query.MajorAudienceGender is { } majorGender)
        {
            Where($"l.major_gender = {Parameter(majorGender.Name, NpgsqlDbType.Text)}");
        }

        if (query.MajorAudienceAge is { } majorAge)
        {
            Where($"l.major_age = {Parameter(majorAge.Name, NpgsqlDbType.Text)}");
        }

        if (query.MajorAudienceCountry is { } majorCountry)
        {
            Where($"l.major_country = {Parameter(majorCountry.Code, NpgsqlDbType.Text)}");
        }

        // A default id is no creator's, so excluding it excludes nothing.
        if (query.Excluded.Where(id => id != default).Select(id => id.Value).ToArray() is { Length: > 0 } excluded)
        {
            Where($"NOT (l.id = ANY ({Parameter(excluded, NpgsqlDbType.Array | NpgsqlDbType.Uuid)}))");
        }

        if (query.ExcludeOnVacation)
        {
            Where("NOT l.on_vacation");
        }
    }

    private void Range<T>(string column, NumberRange<T> range, NpgsqlDbType type)
        where T : struct, System.Numerics.INumber<T>
    {
        if (range.Min is { } min)
        {
            Where($"{column} >= {Parameter(min, type)}");
        }

        if (range.Max is { } max)
        {
            Where($"{column} <= {Parameter(max, type)}");
        }
    }

    // The lowest price in minor units against the bounds in minor units: a whole number of minor units m lies at or
    // above a bound b exactly when m >= ceiling(b × 10^digits), and at or below it when m <= floor(b × 10^digits).
    private void AddPrice(PriceRange price)
    {
        if (price.Amount.IsAny)
        {
            return;
        }

        var currency = price.Currency!;
        if (!currency.HasMinorUnit)
        {
            // No amount of money is counted in such a currency, so no rate card is in it.
            Where("FALSE");
            return;
        }

        Where($"l.price_currency = {Parameter(currency.Code, NpgsqlDbType.Text)}");
        var scale = currency.MinorUnits switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1_000m, _ => 10_000m };
        if (price.Amount.Min is { } min)
        {
            // Bounds are at most decimal.MaxValue; one above every long cannot be reached by a price.
            var lowest = min > long.MaxValue ? decimal.MaxValue : Math.Ceiling(min * scale);
            Where(lowest > long.MaxValue ? "FALSE" : $"l.price_minor >= {Parameter((long)lowest, NpgsqlDbType.Bigint)}");
        }

        if (price.Amount.Max is { } max)
        {
            var highest = max > long.MaxValue ? decimal.MaxValue : Math.Floor(max * scale);
            Where($"l.price_minor <= {Parameter(highest > long.MaxValue ? long.MaxValue : (long)highest, NpgsqlDbType.Bigint)}");
        }
    }

    // A bucket's share is at least the minimum; a bucket not listed has a share of zero, and an audience breakdown
    // not reported meets no threshold. Shares are never below zero, so a minimum of zero asks only for the breakdown.
    private void Threshold(string bucket, double minShare, string knownColumn)
    {
        if (minShare <= 0)
        {
            Where(knownColumn);
            return;
        }

        Where($"""
            EXISTS (SELECT 1 FROM {_database.Table("creator_catalog_audience")} s
                WHERE s.creator_id = l.id AND s.bucket = {Parameter(bucket, NpgsqlDbType.Text)} AND s.share >= {Parameter(minShare, NpgsqlDbType.Double)})
            """);
    }

    // The query's order: the keyword rank first (relevance), then the sorted value with unknown values last in
    // either direction, then the id (uuid order is the big-endian byte order CreatorId compares by).
    private string Order()
    {
        // Follower counts are never unknown; leaving out NULLS LAST there lets the sort follow the index.
        var direction = Descending ? "DESC" : "ASC";
        var byValue = _query.Sort == CreatorSort.MedianViews || _query.Sort == CreatorSort.EngagementRate
            ? $"{SortValue()} {direction} NULLS LAST"
            : $"{SortValue()} {direction}";
        return _rank is null ? $"{byValue}, l.id" : $"{_rank} DESC, {byValue}, l.id";
    }

    private bool Descending => _query.Descending || _query.Sort == CreatorSort.Relevance;

    // The value a search position holds, stored as the same double.
    private string SortValue() =>
        _query.Sort == CreatorSort.MedianViews ? $"{Account}.median_views_order"
        : _query.Sort == CreatorSort.EngagementRate ? $"{Account}.engagement_rate"
        : $"{Account}.followers_order";

    // The creators ordered strictly after the cursor, as CreatorQuery.Compare orders positions.
    private string? Keyset()
    {
        if (_query.After is not { } after)
        {
            return null;
        }

        var value = SortValue();
        var id = Parameter(after.Creator.Value, NpgsqlDbType.Uuid);
        var byValue = after.Value is { } known
            ? $"({value} IS NULL OR {value} {(Descending ? "<" : ">")} {Parameter(known, NpgsqlDbType.Double)} OR ({value} = {Parameter(known, NpgsqlDbType.Double)} AND l.id > {id}))"
            : $"({value} IS NULL AND l.id > {id})";
        if (_rank is null)
        {
            // Without a keyword rank every position ranks 0, so a cursor of a higher rank lies before all of them.
            return after.Rank > 0 ? null : byValue;
        }

        var rank = Parameter(after.Rank, NpgsqlDbType.Integer);
        return $"({_rank} < {rank} OR ({_rank} = {rank} AND {byValue}))";
    }

    private string Conditions(string? extra = null)
    {
        IEnumerable<string> all = extra is null ? _conditions : [.. _conditions, extra];
        return all.Any() ? string.Join("\n  AND ", all) : "TRUE";
    }

    private void Where(string condition) => _conditions.Add(condition);

    private string Parameter(object value, NpgsqlDbType type)
    {
        var name = "p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }

    private NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

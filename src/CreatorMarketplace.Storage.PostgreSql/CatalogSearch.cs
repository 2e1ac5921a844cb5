using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// A CreatorQuery as SQL over the catalog's tables. Each term of the query SQL can decide (every one but eligibility)
// becomes a condition on the indexed columns that holds exactly when the term's Matches says so; the terms left are
// the residual, checked in .NET on the candidates SQL returns. The keyword rank and the sort keys become expressions
// ordered exactly as CreatorQuery.Compare orders positions. A residual term or a custom score leaves the query to be
// finished in .NET: then SQL only narrows the candidates. A keyword is always text PostgreSQL can hold, since a valid
// query's keyword keeps the kernel's TextRule.
internal sealed class CatalogSearch
{
    private readonly CreatorQuery _query;
    private readonly PostgreSqlDatabase _database;
    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly List<string> _conditions = [];
    private readonly string _from;
    private readonly string? _rank;
    private readonly string? _keyword;

    // Whether the total can be counted on the content labels' rows (creator_catalog_labels), which repeat the columns
    // of the usual filters: only the rows of the query's labels are read. It can when the query filters on labels
    // and every other condition is on a column those rows hold; the labels' condition there is the one at that index.
    private bool _labelRowsHold;
    private int _labelsCondition = -1;
    private string? _labelRowsCondition;

    public CatalogSearch(CreatorQuery query, PostgreSqlDatabase database, Func<CreatorQueryTerm, bool> mayPushDown)
    {
        _query = query;
        _database = database;
        _keyword = query.ToTerms().OfType<CreatorQueryTerm.Keyword>().SingleOrDefault()?.Folded;
        Account = query.Platform is null ? "l" : "a";

        // The sort and the facets read the filtered account, so the join is made whether or not the platform's
        // term is pushed down.
        var from = $"{database.Table(CatalogTables.Listings)} l";
        if (query.Platform is { } platform)
        {
            from += $" JOIN {database.Table(CatalogTables.Accounts)} a ON a.creator_id = l.id AND a.platform = {Parameter(platform.Name, NpgsqlDbType.Text)}";
        }

        if (_keyword is not null)
        {
            // Ranked as the keyword term ranks: any handle, then the display name, then the bio, each folded and
            // searched as an ordinal substring (strpos compares code points, as an ordinal search of valid text does).
            var text = Parameter(_keyword, NpgsqlDbType.Text);
            from += $"""
                 CROSS JOIN LATERAL (SELECT CASE
                    WHEN EXISTS (SELECT 1 FROM unnest(l.handles_folded) AS h WHERE strpos(h, {text}) > 0) THEN 3
                    WHEN strpos(l.name_folded, {text}) > 0 THEN 2
                    WHEN strpos(l.bio_folded, {text}) > 0 THEN 1
                    ELSE 0 END AS rank) k
                """;
            // The rank orders only a relevance sort; under another sort every position's rank is 0.
            _rank = query.Sort == CreatorSort.Relevance ? "k.rank" : null;
        }

        _from = from;
        _labelRowsHold = query.Platform is null && _keyword is null;
        Residual = query.PushDown(term => mayPushDown(term) && TryPushDown(term));
        IsExactInSql = Residual.IsEmpty && query.Sort != CreatorSort.Score;
    }

    // The terms SQL does not decide, to check on each candidate in .NET.
    public ResidualFilter Residual { get; }

    // Whether SQL decides the whole answer: the matches, their order and the page.
    public bool IsExactInSql { get; }

    // The alias of the table whose account numbers are filtered: the catalog's primary account, or the account on
    // the query's platform.
    private string Account { get; }

    // The page, the total and, when asked for, the facets, in one statement: one snapshot, whatever the isolation
    // level, in one round trip and with no transaction to begin and commit around it. Each row is a listing of the
    // page (kind -1, its position in the page, its document) or a count (CountSql's kind, key and count). The page's
    // rows come first, so that they reach the client while the server is still counting.
    public NpgsqlCommand SearchCommand(NpgsqlConnection connection) => Command(
        $"""
        {PageSql()}
        UNION ALL
        SELECT c.kind, c.key, c.count, NULL::text FROM (
        {CountSql()}
        ) c (kind, key, count);
        """,
        connection);

    // Every candidate, in no order, for a query finished in .NET.
    public NpgsqlCommand CandidatesCommand(NpgsqlConnection connection) =>
        Command($"SELECT l.document::text FROM {_from} WHERE {Conditions()};", connection);

    // The page: the matches after the cursor in the query's order, one more than a page to tell whether another follows,
    // numbered in that order. The matches are chosen on the columns alone and only the page's documents are read, so
    // that an index holding every column the query reads can choose them without visiting the table.
    private string PageSql() => $"""
        SELECT -1, NULL::text, row_number() OVER (ORDER BY {Order(_rank is null ? null : "p.rank", "p.value", "p.id")}), d.document::text FROM (
            SELECT l.id, {_rank ?? "0"} AS rank, {SortValue()} AS value FROM {_from}
            WHERE {Conditions(Keyset())}
            ORDER BY {Order(_rank, SortValue(), "l.id")}
            LIMIT {_query.PageSize + 1}
        ) p
        JOIN {_database.Table(CatalogTables.Listings)} d ON d.id = p.id
        """;

    // The total and, when asked for, the facets: kind 0 is the total, then 1 country, 2 language, 3 content label, 4 tier.
    private string CountSql()
    {
        if (!_query.IncludeFacets && _labelRowsHold && _labelRowsCondition is not null)
        {
            var conditions = _conditions.ToList();
            conditions[_labelsCondition] = _labelRowsCondition;
            return $"SELECT 0, NULL::text, count(*) FROM {_database.Table(CatalogTables.Labels)} l WHERE {string.Join("\n  AND ", conditions)}";
        }

        if (!_query.IncludeFacets)
        {
            return $"SELECT 0, NULL::text, count(*) FROM {_from} WHERE {Conditions()}";
        }

        return $"""
            WITH m AS MATERIALIZED (
                SELECT l.home_country, l.languages, l.content_labels, {Account}.tier FROM {_from} WHERE {Conditions()}
            )
            SELECT 0, NULL::text, count(*) FROM m
            UNION ALL SELECT 1, home_country, count(*) FROM m GROUP BY home_country
            UNION ALL SELECT 2, language, count(*) FROM m CROSS JOIN LATERAL unnest(m.languages) AS language GROUP BY language
            UNION ALL SELECT 3, label, count(*) FROM m CROSS JOIN LATERAL unnest(m.content_labels) AS label GROUP BY label
            UNION ALL SELECT 4, tier::text, count(*) FROM m GROUP BY tier
            """;
    }

    // Translates a term into a condition; false for a term SQL does not decide (eligibility), left to the residual.
    private bool TryPushDown(CreatorQueryTerm term)
    {
        var account = Account;
        _labelRowsHold &= term is CreatorQueryTerm.Countries or CreatorQueryTerm.ContentLabels or CreatorQueryTerm.Followers
            or CreatorQueryTerm.EngagementRate or CreatorQueryTerm.Price or CreatorQueryTerm.Excluded
            || (term is CreatorQueryTerm.FollowerGender { Threshold: var share } && share.MinShare > 0 && CatalogRow.GenderShareColumn(share.Bucket) is not null);
        switch (term)
        {
            case CreatorQueryTerm.AccountOn on when Equals(on.Platform, _query.Platform):
                return true; // the join keeps only creators with an account there
            case CreatorQueryTerm.OnAccount on when !Equals(on.Platform, _query.Platform):
                return false; // the join reads the query's platform only
            case CreatorQueryTerm.Countries countries:
                return Pushed($"l.home_country = ANY ({Texts(countries.AnyOf.Select(c => c.Code))})");
            case CreatorQueryTerm.Subdivisions subdivisions:
                // A default subdivision has no code and matches no home, as in the query.
                return Pushed($"l.home_subdivision = ANY ({Texts(subdivisions.AnyOf.Select(s => s.Code))})");
            case CreatorQueryTerm.ContentLabels labels:
                var anyOf = Texts(labels.AnyOf.Select(l => l.Id));
                // A creator with several of the labels is counted on the row of the first it has, in the rows' order.
                (_labelsCondition, _labelRowsCondition) = (_conditions.Count, $"l.label = ANY ({anyOf}) AND (l.earlier_labels IS NULL OR NOT (l.earlier_labels && {anyOf}))");
                return Pushed($"l.content_labels && {anyOf}");
            case CreatorQueryTerm.IndustryLabels labels:
                return Pushed($"l.industry_labels && {Texts(labels.AnyOf.Select(l => l.Id))}");
            case CreatorQueryTerm.Languages languages:
                return Pushed($"l.languages && {Texts(languages.AnyOf.Select(l => l.Code))}");
            case CreatorQueryTerm.Tiers tiers:
                return Pushed($"{account}.tier = ANY ({Parameter(tiers.AnyOf.Select(t => (short)t.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint)})");

            // A number not reported is NULL, which satisfies no bound: missing is not zero.
            case CreatorQueryTerm.Followers followers:
                return Range($"{account}.followers", followers.Range, NpgsqlDbType.Bigint);
            case CreatorQueryTerm.AverageViews views:
                return Range($"{account}.average_views", views.Range, NpgsqlDbType.Bigint);
            case CreatorQueryTerm.MedianViews views:
                return Range($"{account}.median_views", views.Range, NpgsqlDbType.Bigint);
            case CreatorQueryTerm.EngagementRate rate:
                return Range($"{account}.engagement_rate", rate.Range, NpgsqlDbType.Double);
            case CreatorQueryTerm.PastCampaignCount campaigns:
                return Range("l.past_campaigns", campaigns.Range, NpgsqlDbType.Integer);
            case CreatorQueryTerm.Price price:
                return Price(price.Range);
            case CreatorQueryTerm.FollowerCountry { Threshold: var country }:
                return Threshold(CatalogRow.CountryBucket(country.Bucket), country.MinShare, "l.countries_known");
            case CreatorQueryTerm.FollowerGender { Threshold: var gender } when gender.MinShare > 0 && CatalogRow.GenderShareColumn(gender.Bucket) is { } column:
                return Pushed($"l.{column} >= {Parameter(gender.MinShare, NpgsqlDbType.Double)}");
            case CreatorQueryTerm.FollowerGender { Threshold: var gender }:
                return Threshold(CatalogRow.GenderBucket(gender.Bucket), gender.MinShare, "l.gender_known");
            case CreatorQueryTerm.FollowerAge { Threshold: var age }:
                return Threshold(CatalogRow.AgeBucket(age.Bucket), age.MinShare, "l.age_known");
            case CreatorQueryTerm.ResponsiveBadge:
                return Pushed($"l.badges @> {Texts([Badge.Responsive.Name])}");
            case CreatorQueryTerm.MajorAudienceGender major:
                return Pushed($"l.major_gender = {Parameter(major.Gender.Name, NpgsqlDbType.Text)}");
            case CreatorQueryTerm.MajorAudienceAge major:
                return Pushed($"l.major_age = {Parameter(major.Age.Name, NpgsqlDbType.Text)}");
            case CreatorQueryTerm.MajorAudienceCountry major:
                return Pushed($"l.major_country = {Parameter(major.Country.Code, NpgsqlDbType.Text)}");
            case CreatorQueryTerm.Keyword:
                Where($"l.keyword_text LIKE {Parameter("%" + EscapeLike(_keyword!) + "%", NpgsqlDbType.Text)}");
                return Pushed("k.rank > 0");
            case CreatorQueryTerm.Excluded excluded:
                // A default id is no creator's, so excluding it excludes nothing.
                if (excluded.Creators.Where(id => id != default).Select(id => id.Value).ToArray() is { Length: > 0 } ids)
                {
                    Where($"NOT (l.id = ANY ({Parameter(ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid)}))");
                }

                return true;
            case CreatorQueryTerm.ExcludeOnVacation:
                return Pushed("NOT l.on_vacation");
            default:
                return false;
        }
    }

    // A term decided by one condition.
    private bool Pushed(string condition)
    {
        Where(condition);
        return true;
    }

    private string Texts(IEnumerable<string> values) => Parameter(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    private bool Range<T>(string column, NumberRange<T> range, NpgsqlDbType type)
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

        return true;
    }

    // The lowest price in minor units against the bounds in minor units: a whole number of minor units m lies at or
    // above a bound b exactly when m >= ceiling(b × 10^digits), and at or below it when m <= floor(b × 10^digits).
    private bool Price(PriceRange price)
    {
        var currency = price.Currency!;
        if (!currency.HasMinorUnit)
        {
            // No amount of money is counted in such a currency, so no rate card is in it.
            return Pushed("FALSE");
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

        return true;
    }

    // A bucket's share is at least the minimum; a bucket not listed has a share of zero, and an audience breakdown
    // not reported meets no threshold. Shares are never below zero, so a minimum of zero asks only for the breakdown.
    private bool Threshold(string bucket, double minShare, string knownColumn)
    {
        if (minShare <= 0)
        {
            return Pushed(knownColumn);
        }

        return Pushed($"""
            EXISTS (SELECT 1 FROM {_database.Table(CatalogTables.Audience)} s
                WHERE s.creator_id = l.id AND s.bucket = {Parameter(bucket, NpgsqlDbType.Text)} AND s.share >= {Parameter(minShare, NpgsqlDbType.Double)})
            """);
    }

    // The query's order: the keyword rank first (relevance), then the sorted value with unknown values last in
    // either direction, then the id (uuid order is the big-endian byte order CreatorId compares by).
    private string Order(string? rank, string value, string id)
    {
        // Follower counts are never unknown; leaving out NULLS LAST there lets the sort follow the index.
        var direction = Descending ? "DESC" : "ASC";
        var byValue = _query.Sort == CreatorSort.MedianViews || _query.Sort == CreatorSort.EngagementRate
            ? $"{value} {direction} NULLS LAST"
            : $"{value} {direction}";
        return rank is null ? $"{byValue}, {id}" : $"{rank} DESC, {byValue}, {id}";
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

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

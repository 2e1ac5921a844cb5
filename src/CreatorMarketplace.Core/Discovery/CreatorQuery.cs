using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// A discovery search: the filters TikTok One's creator marketplace exposes, a keyword, exclusions, a sort and a
/// page size. An empty collection or an unbounded range filters nothing; every filter given must hold (filters
/// combine with AND, values inside one filter with OR). A number the platform did not report never satisfies a
/// bounded range.
/// </summary>
/// <remarks>
/// <see cref="Matches"/> and <see cref="Compare(CreatorListing, CreatorListing)"/> define what a search returns and in which order; every catalog
/// implementation returns exactly that. <see cref="Validate"/> names every problem of a query before it runs.
/// </remarks>
public sealed record CreatorQuery
{
    /// <summary>The largest page a search returns.</summary>
    public const int MaxPageSize = 1_000;

    /// <summary>The platform whose account numbers are filtered; null for each creator's primary account.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Home countries, any of.</summary>
    public IReadOnlyCollection<Country> Countries { get; init; } = [];

    /// <summary>Home states or provinces, any of.</summary>
    public IReadOnlyCollection<Subdivision> Subdivisions { get; init; } = [];

    /// <summary>Content labels, any of.</summary>
    public IReadOnlyCollection<ContentLabel> ContentLabels { get; init; } = [];

    /// <summary>Industry labels, any of.</summary>
    public IReadOnlyCollection<IndustryLabel> IndustryLabels { get; init; } = [];

    /// <summary>Languages the creator publishes in, any of.</summary>
    public IReadOnlyCollection<Language> Languages { get; init; } = [];

    /// <summary>Follower tiers, any of.</summary>
    public IReadOnlyCollection<FollowerTier> Tiers { get; init; } = [];

    /// <summary>Follower count bounds.</summary>
    public NumberRange<long> Followers { get; init; }

    /// <summary>Average views bounds.</summary>
    public NumberRange<long> AverageViews { get; init; }

    /// <summary>Median views bounds.</summary>
    public NumberRange<long> MedianViews { get; init; }

    /// <summary>Engagement rate bounds, as fractions (0.05 = 5%).</summary>
    public NumberRange<double> EngagementRate { get; init; }

    /// <summary>Bounds on the creator's lowest published price, in one currency.</summary>
    public PriceRange Price { get; init; }

    /// <summary>Least shares of the audience by country; all must hold.</summary>
    public IReadOnlyCollection<AudienceThreshold<Country>> FollowerCountries { get; init; } = [];

    /// <summary>Least share of the audience of one gender ("female ≥ 60%"), if any.</summary>
    public AudienceThreshold<AudienceGender>? FollowerGender { get; init; }

    /// <summary>Least shares of the audience by age bucket; all must hold.</summary>
    public IReadOnlyCollection<AudienceThreshold<AgeBucket>> FollowerAges { get; init; } = [];

    /// <summary>Bounds on the number of past campaigns, from 0 to 100.</summary>
    public NumberRange<int> PastCampaignCount { get; init; }

    /// <summary>Whether only creators with the responsive badge match.</summary>
    public bool RequireResponsiveBadge { get; init; }

    /// <summary>The gender the largest share of the audience has, if required.</summary>
    public AudienceGender? MajorAudienceGender { get; init; }

    /// <summary>The age bucket the largest share of the audience is in, if required.</summary>
    public AgeBucket? MajorAudienceAge { get; init; }

    /// <summary>The country the largest share of the audience is in, if required.</summary>
    public Country? MajorAudienceCountry { get; init; }

    /// <summary>Text to find in a handle, the display name or the bio, ignoring case and diacritics.</summary>
    public string? Keyword { get; init; }

    /// <summary>Creators never to return (already contacted, under a competitor's exclusivity).</summary>
    public IReadOnlyCollection<CreatorId> Excluded { get; init; } = [];

    /// <summary>Whether creators on vacation are left out.</summary>
    public bool ExcludeOnVacation { get; init; }

    /// <summary>Keeps only creators eligible under a marketplace policy as of an instant, or null for no such filter.</summary>
    public EligibilityFilter? Eligibility { get; init; }

    /// <summary>The order of results.</summary>
    public CreatorSort Sort { get; init; } = CreatorSort.Relevance;

    /// <summary>The score to sort by when <see cref="Sort"/> is <see cref="CreatorSort.Score"/>; required then, and only then.</summary>
    public ICreatorScore? Score { get; init; }

    /// <summary>Whether larger values come first (the default); relevance is always best first.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>How many results a page holds, from 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>
    /// Whether the search counts every match by country, language, content label and tier
    /// (<see cref="CreatorSearchPage.Facets"/>). On by default; turn it off for later pages, whose filters and
    /// therefore facets are the first page's, to save the counting.
    /// </summary>
    public bool IncludeFacets { get; init; } = true;

    /// <summary>
    /// Where the previous page ended: the position of its last creator (keyset paging). Only creators ordered
    /// strictly after it are returned, so a page never repeats or skips a creator even while the catalog changes.
    /// Null for the first page.
    /// </summary>
    public SearchPosition? After { get; init; }

    /// <summary>
    /// Whether both queries ask the same: the same filters (each collection as a set, its order and repeats aside),
    /// keyword, exclusions, sort, score, page size, facets and position.
    /// </summary>
    /// <param name="other">The other query.</param>
    /// <returns>True when they ask the same.</returns>
    /// <remarks>A saved search compares by this, so a query read back from storage equals the one saved.</remarks>
    public bool Equals(CreatorQuery? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Equals(Platform, other.Platform)
                && SameSet(Countries, other.Countries)
                && SameSet(Subdivisions, other.Subdivisions)
                && SameSet(ContentLabels, other.ContentLabels)
                && SameSet(IndustryLabels, other.IndustryLabels)
                && SameSet(Languages, other.Languages)
                && SameSet(Tiers, other.Tiers)
                && Followers.Equals(other.Followers)
                && AverageViews.Equals(other.AverageViews)
                && MedianViews.Equals(other.MedianViews)
                && EngagementRate.Equals(other.EngagementRate)
                && Price.Equals(other.Price)
                && SameSet(FollowerCountries, other.FollowerCountries)
                && Equals(FollowerGender, other.FollowerGender)
                && SameSet(FollowerAges, other.FollowerAges)
                && PastCampaignCount.Equals(other.PastCampaignCount)
                && RequireResponsiveBadge == other.RequireResponsiveBadge
                && Equals(MajorAudienceGender, other.MajorAudienceGender)
                && Equals(MajorAudienceAge, other.MajorAudienceAge)
                && Equals(MajorAudienceCountry, other.MajorAudienceCountry)
                && string.Equals(Keyword, other.Keyword, StringComparison.Ordinal)
                && SameSet(Excluded, other.Excluded)
                && ExcludeOnVacation == other.ExcludeOnVacation
                && Equals(Eligibility, other.Eligibility)
                && Equals(Sort, other.Sort)
                && Equals(Score, other.Score)
                && Descending == other.Descending
                && PageSize == other.PageSize
                && IncludeFacets == other.IncludeFacets
                && Equals(After, other.After)));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Platform, Keyword, Sort, PageSize, Followers, Eligibility, Score);

    private static bool SameSet<T>(IReadOnlyCollection<T>? left, IReadOnlyCollection<T>? right) =>
        left is null || right is null ? ReferenceEquals(left, right) : left.ToHashSet().SetEquals(right);

    /// <summary>Checks the query and names every problem: bounds out of range or crossed, shares outside 0..1,
    /// a price without a currency, contradictory filters, a blank keyword or one that breaks <see cref="TextRule.SingleLine"/>,
    /// a page size out of range.</summary>
    /// <returns>The problems, empty when the query is valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        RequireNoNulls(errors, nameof(Countries), Countries);
        RequireNoNulls(errors, nameof(ContentLabels), ContentLabels);
        RequireNoNulls(errors, nameof(IndustryLabels), IndustryLabels);
        RequireNoNulls(errors, nameof(Languages), Languages);
        RequireNoNulls(errors, nameof(Tiers), Tiers);
        errors.Require(Subdivisions is not null, nameof(Subdivisions), "query.null", "the collection may not be null.");
        errors.Require(Excluded is not null, nameof(Excluded), "query.null", "the collection may not be null.");
        errors.Require(Eligibility is null || Eligibility.Policy is not null, nameof(Eligibility), "query.null", "an eligibility filter needs a policy.");
        Followers.Check(errors, nameof(Followers), 0, long.MaxValue);
        AverageViews.Check(errors, nameof(AverageViews), 0, long.MaxValue);
        MedianViews.Check(errors, nameof(MedianViews), 0, long.MaxValue);
        EngagementRate.Check(errors, nameof(EngagementRate), 0, double.MaxValue);
        PastCampaignCount.Check(errors, nameof(PastCampaignCount), 0, 100);
        Price.Amount.Check(errors, nameof(Price), 0, decimal.MaxValue);
        errors.Require(
            Price.Amount.IsAny || Price.Currency is not null,
            $"{nameof(Price)}.{nameof(PriceRange.Currency)}",
            "query.price_without_currency",
            "a price bound needs a currency.");
        CheckThresholds(errors, nameof(FollowerCountries), FollowerCountries);
        CheckThresholds(errors, nameof(FollowerAges), FollowerAges);
        if (FollowerGender is { } gender)
        {
            CheckThresholds(errors, nameof(FollowerGender), [gender]);
        }

        if (Countries is { Count: > 0 } && Subdivisions is not null)
        {
            foreach (var subdivision in Subdivisions.Where(s => !Countries.Contains(s.Country)))
            {
                errors.Add(nameof(Subdivisions), "query.contradiction", $"{subdivision} lies outside every listed country, so nothing could match.");
            }
        }

        errors.Require(
            Keyword is null || (!string.IsNullOrWhiteSpace(Keyword) && Keyword.Length <= 100),
            nameof(Keyword),
            "query.keyword_invalid",
            "a keyword has 1 to 100 characters and is not only white space.");
        errors.RequireText(TextRule.SingleLine, Keyword, nameof(Keyword));
        errors.Require(
            PageSize is >= 1 and <= MaxPageSize,
            nameof(PageSize),
            "query.page_size_out_of_range",
            $"a page holds 1 to {MaxPageSize} results, got {PageSize}.");
        errors.Require(Sort is not null, nameof(Sort), "query.null", "a sort is required.");
        errors.Require(
            (Sort == CreatorSort.Score) == (Score is not null),
            nameof(Score),
            "query.score_mismatch",
            Score is null ? "sorting by score needs a score." : "a score is given but the sort is not by score.");
        errors.Require(
            After is not { } after
                || (after.Creator != default
                    && (after.Value is null || double.IsFinite(after.Value.Value))
                    && (Sort == CreatorSort.Relevance ? after.Rank is >= 0 and <= 3 : after.Rank == 0)),
            nameof(After),
            "query.cursor_invalid",
            "the cursor is not a position this query's order produces; pass the position of the previous page's last creator.");
        return errors.Errors;
    }

    /// <summary>The account whose numbers the query filters and sorts on: the one on <see cref="Platform"/>, or the primary one.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The account, or null when the creator has none on <see cref="Platform"/> (and so cannot match).</returns>
    public PlatformAccount? AccountOf(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return CreatorQueryTerm.OnAccount.AccountOf(creator, Platform);
    }

    /// <summary>
    /// The filters of the query as terms, each with its exact meaning: an account on <see cref="Platform"/>, then one
    /// term per filter given (one per audience threshold), in the order the properties are declared. An empty
    /// collection, an unbounded range or a filter left off gives no term.
    /// </summary>
    /// <returns>The terms; a creator matches the query when it matches every one.</returns>
    public IReadOnlyList<CreatorQueryTerm> ToTerms() => Built().Terms;

    /// <summary>
    /// Splits the query's terms between a catalog and the exact check on its candidates: each term is offered to
    /// <paramref name="tryPushDown"/>, which translates it into the catalog's own form and returns true, or returns
    /// false to leave it; every term left is in the <see cref="ResidualFilter"/> returned.
    /// </summary>
    /// <param name="tryPushDown">The catalog's translation of one term; true when the catalog decides the term exactly itself.</param>
    /// <returns>The terms the catalog must still check on each of its candidates.</returns>
    public ResidualFilter PushDown(Func<CreatorQueryTerm, bool> tryPushDown)
    {
        ArgumentNullException.ThrowIfNull(tryPushDown);
        var left = new List<CreatorQueryTerm>();
        foreach (var term in ToTerms())
        {
            if (!tryPushDown(term))
            {
                left.Add(term);
            }
        }

        return new ResidualFilter(left);
    }

    /// <summary>Whether a creator satisfies every filter of the query (paging aside): every one of <see cref="ToTerms"/>.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>True when the creator matches.</returns>
    public bool Matches(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return CreatorQueryTerm.AllMatch(ToTerms(), creator);
    }

    /// <summary>Orders two matching creators as a search returns them: by <see cref="Sort"/>, then by id.</summary>
    /// <param name="left">A creator.</param>
    /// <param name="right">Another creator.</param>
    /// <returns>Negative when <paramref name="left"/> comes first.</returns>
    public int Compare(CreatorListing left, CreatorListing right) => Compare(PositionOf(left), PositionOf(right));

    /// <summary>Orders two positions as a search returns them: by <see cref="Sort"/>, then by id.</summary>
    /// <param name="left">A position.</param>
    /// <param name="right">Another position.</param>
    /// <returns>Negative when <paramref name="left"/> comes first.</returns>
    public int Compare(SearchPosition left, SearchPosition right)
    {
        var byRank = right.Rank.CompareTo(left.Rank);
        if (byRank != 0)
        {
            return byRank;
        }

        // Unknown values come last in either direction: missing is not zero. Relevance is always largest first.
        var descending = Descending || Sort == CreatorSort.Relevance;
        var byValue = (left.Value, right.Value) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } a, { } b) => descending ? b.CompareTo(a) : a.CompareTo(b),
        };
        return byValue != 0 ? byValue : left.Creator.CompareTo(right.Creator);
    }

    /// <summary>Where a creator stands in this query's order; the position of a page's last creator is the next page's <see cref="After"/>.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The position.</returns>
    public SearchPosition PositionOf(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var stats = AccountOf(creator)?.Stats;
        return Sort == CreatorSort.Relevance ? new SearchPosition(KeywordRank(creator), stats?.Followers, creator.Id)
            : Sort == CreatorSort.Followers ? new SearchPosition(0, stats?.Followers, creator.Id)
            : Sort == CreatorSort.MedianViews ? new SearchPosition(0, stats?.MedianViews, creator.Id)
            : Sort == CreatorSort.Score ? new SearchPosition(0, ScoreOf(creator), creator.Id)
            : new SearchPosition(0, stats?.EngagementRate, creator.Id);
    }

    // A score that is not a finite number cannot order creators: such a creator is unrated and comes last.
    private double? ScoreOf(CreatorListing creator) =>
        Score?.Score(creator) is { } score && double.IsFinite(score) ? score : null;

    /// <summary>Whether a creator comes after <see cref="After"/> (always, on the first page).</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>True when the creator belongs on this page or a later one.</returns>
    public bool IsAfterCursor(CreatorListing creator) => After is not { } after || Compare(PositionOf(creator), after) > 0;

    /// <summary>
    /// How well a creator matches the keyword: 3 for a handle, 2 for the display name, 1 for the bio, 0 for no match
    /// (and 0 for every creator when there is no keyword).
    /// </summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The rank.</returns>
    public int KeywordRank(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return Built().Keyword is { } keyword ? keyword.RankOf(creator) : 0;
    }

    // The terms, built once per query. A record's `with` copies this field into a new query, so the terms are
    // trusted only when they were built for this instance.
    private BuiltTerms? _built;

    private BuiltTerms Built()
    {
        var built = Volatile.Read(ref _built);
        if (built is null || !ReferenceEquals(built.Query, this))
        {
            built = new BuiltTerms(this, BuildTerms());
            Volatile.Write(ref _built, built);
        }

        return built;
    }

    private List<CreatorQueryTerm> BuildTerms()
    {
        var terms = new List<CreatorQueryTerm>();
        void AddIf(bool given, Func<CreatorQueryTerm> term)
        {
            if (given)
            {
                terms.Add(term());
            }
        }

        AddIf(Platform is not null, () => new CreatorQueryTerm.AccountOn(Platform!));
        AddIf(Countries is { Count: > 0 }, () => new CreatorQueryTerm.Countries(Countries));
        AddIf(Subdivisions is { Count: > 0 }, () => new CreatorQueryTerm.Subdivisions(Subdivisions));
        AddIf(ContentLabels is { Count: > 0 }, () => new CreatorQueryTerm.ContentLabels(ContentLabels));
        AddIf(IndustryLabels is { Count: > 0 }, () => new CreatorQueryTerm.IndustryLabels(IndustryLabels));
        AddIf(Languages is { Count: > 0 }, () => new CreatorQueryTerm.Languages(Languages));
        AddIf(Tiers is { Count: > 0 }, () => new CreatorQueryTerm.Tiers(Platform, Tiers));
        AddIf(!Followers.IsAny, () => new CreatorQueryTerm.Followers(Platform, Followers));
        AddIf(!AverageViews.IsAny, () => new CreatorQueryTerm.AverageViews(Platform, AverageViews));
        AddIf(!MedianViews.IsAny, () => new CreatorQueryTerm.MedianViews(Platform, MedianViews));
        AddIf(!EngagementRate.IsAny, () => new CreatorQueryTerm.EngagementRate(Platform, EngagementRate));
        AddIf(!Price.Amount.IsAny, () => new CreatorQueryTerm.Price(Price));
        terms.AddRange((FollowerCountries ?? []).Select(threshold => new CreatorQueryTerm.FollowerCountry(threshold)));
        AddIf(FollowerGender is not null, () => new CreatorQueryTerm.FollowerGender(FollowerGender!.Value));
        terms.AddRange((FollowerAges ?? []).Select(threshold => new CreatorQueryTerm.FollowerAge(threshold)));
        AddIf(!PastCampaignCount.IsAny, () => new CreatorQueryTerm.PastCampaignCount(PastCampaignCount));
        AddIf(RequireResponsiveBadge, () => new CreatorQueryTerm.ResponsiveBadge());
        AddIf(MajorAudienceGender is not null, () => new CreatorQueryTerm.MajorAudienceGender(MajorAudienceGender!));
        AddIf(MajorAudienceAge is not null, () => new CreatorQueryTerm.MajorAudienceAge(MajorAudienceAge!));
        AddIf(MajorAudienceCountry is not null, () => new CreatorQueryTerm.MajorAudienceCountry(MajorAudienceCountry!));
        AddIf(Keyword is not null, () => new CreatorQueryTerm.Keyword(Keyword!));
        AddIf(Excluded is { Count: > 0 }, () => new CreatorQueryTerm.Excluded(Excluded));
        AddIf(ExcludeOnVacation, () => new CreatorQueryTerm.ExcludeOnVacation());
        AddIf(Eligibility is not null, () => new CreatorQueryTerm.Eligibility(Eligibility!));
        return terms;
    }

    // The terms built for one query, with its keyword term, which also ranks.
    private sealed class BuiltTerms(CreatorQuery query, List<CreatorQueryTerm> terms)
    {
        public CreatorQuery Query { get; } = query;

        public IReadOnlyList<CreatorQueryTerm> Terms { get; } = terms;

        public CreatorQueryTerm.Keyword? Keyword { get; } = terms.OfType<CreatorQueryTerm.Keyword>().SingleOrDefault();
    }

    private static void RequireNoNulls<T>(ErrorCollector errors, string field, IReadOnlyCollection<T>? values)
    {
        errors.Require(
            values is not null && values.All(value => !EqualityComparer<T>.Default.Equals(value, default)),
            field,
            "query.null",
            "the collection may not be null nor hold null or default items.");
    }

    private static void CheckThresholds<TKey>(ErrorCollector errors, string field, IReadOnlyCollection<AudienceThreshold<TKey>>? thresholds)
        where TKey : notnull
    {
        if (thresholds is null)
        {
            errors.Add(field, "query.null", "the collection may not be null.");
            return;
        }

        // default(AudienceThreshold<T>) names no bucket; its place in the list names it here.
        foreach (var (threshold, index) in thresholds.Select((threshold, index) => (threshold, index)).Where(t => t.threshold.Bucket is null))
        {
            errors.Add($"{field}[{index}]", "query.null", "a threshold names its bucket.");
        }

        foreach (var threshold in thresholds.Where(t => t.Bucket is not null && !Share.IsValidFraction(t.MinShare)))
        {
            errors.Add(
                $"{field}[{threshold.Bucket}]",
                "query.share_out_of_range",
                $"a share must be a fraction from 0 to 1, got {threshold.MinShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}

using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// One filter of a <see cref="CreatorQuery"/> with its exact meaning, <see cref="Matches"/>. A query is the terms its
/// properties imply (<see cref="CreatorQuery.ToTerms"/>), and a creator matches it when every term matches.
/// </summary>
/// <remarks>
/// A catalog translates the terms it knows into its own form (bitmaps, columns, SQL) through
/// <see cref="CreatorQuery.PushDown"/>; every term it leaves is checked on its candidates by the
/// <see cref="ResidualFilter"/> it gets back, with the term's own <see cref="Matches"/>. A new term therefore works on
/// every catalog at once, only slower where it is not yet pushed down. The terms are the nested types; no other
/// type derives from this one.
/// </remarks>
public abstract record CreatorQueryTerm
{
    private protected CreatorQueryTerm()
    {
    }

    /// <summary>Whether a creator satisfies the term.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>True when it does.</returns>
    public abstract bool Matches(CreatorListing creator);

    // Every term holds, checked in order, stopping at the first that does not.
    internal static bool AllMatch(IReadOnlyList<CreatorQueryTerm> terms, CreatorListing creator)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (!terms[i].Matches(creator))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The creator has an account on the platform (<see cref="CreatorQuery.Platform"/>).</summary>
    /// <param name="Platform">The platform.</param>
    public sealed record AccountOn(Platform Platform) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.AccountOn(Platform) is not null;
    }

    /// <summary>The home country is one of those listed (<see cref="CreatorQuery.Countries"/>).</summary>
    /// <param name="AnyOf">The countries, not empty.</param>
    public sealed record Countries(IReadOnlyCollection<Country> AnyOf) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => AnyOf.Contains(creator.Profile.HomeCountry);
    }

    /// <summary>The home state or province is one of those listed (<see cref="CreatorQuery.Subdivisions"/>).</summary>
    /// <param name="AnyOf">The subdivisions, not empty.</param>
    public sealed record Subdivisions(IReadOnlyCollection<Subdivision> AnyOf) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.Profile.HomeSubdivision is { } home && AnyOf.Contains(home);
    }

    /// <summary>The creator has one of the content labels listed (<see cref="CreatorQuery.ContentLabels"/>).</summary>
    /// <param name="AnyOf">The labels, not empty.</param>
    public sealed record ContentLabels(IReadOnlyCollection<ContentLabel> AnyOf) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.Profile.ContentLabels.Any(AnyOf.Contains);
    }

    /// <summary>The creator has one of the industry labels listed (<see cref="CreatorQuery.IndustryLabels"/>).</summary>
    /// <param name="AnyOf">The labels, not empty.</param>
    public sealed record IndustryLabels(IReadOnlyCollection<IndustryLabel> AnyOf) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.Profile.IndustryLabels.Any(AnyOf.Contains);
    }

    /// <summary>The creator publishes in one of the languages listed (<see cref="CreatorQuery.Languages"/>).</summary>
    /// <param name="AnyOf">The languages, not empty.</param>
    public sealed record Languages(IReadOnlyCollection<Language> AnyOf) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.Profile.Languages.Any(AnyOf.Contains);
    }

    /// <summary>
    /// A term on the numbers of the account a query filters: the one on <see cref="Platform"/>, or the primary
    /// account when it is null. A creator without an account there does not match.
    /// </summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    public abstract record OnAccount(Platform? Platform) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public sealed override bool Matches(CreatorListing creator) => AccountOf(creator, Platform) is { } account && Holds(account.Stats);

        // The account's numbers satisfy the term. Private protected, so only this assembly's terms derive.
        private protected abstract bool Holds(AccountStats stats);

        // The one place the filtered account is chosen: the query's AccountOf and every account term read it.
        internal static PlatformAccount? AccountOf(CreatorListing creator, Platform? platform) =>
            platform is null ? creator.PrimaryAccount : creator.AccountOn(platform);
    }

    /// <summary>The account's follower tier is one of those listed (<see cref="CreatorQuery.Tiers"/>).</summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    /// <param name="AnyOf">The tiers, not empty.</param>
    public sealed record Tiers(Platform? Platform, IReadOnlyCollection<FollowerTier> AnyOf) : OnAccount(Platform)
    {
        private protected override bool Holds(AccountStats stats) => AnyOf.Contains(stats.Tier);
    }

    /// <summary>The account's follower count lies in the range (<see cref="CreatorQuery.Followers"/>).</summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    /// <param name="Range">The bounds.</param>
    public sealed record Followers(Platform? Platform, NumberRange<long> Range) : OnAccount(Platform)
    {
        private protected override bool Holds(AccountStats stats) => Range.Contains(stats.Followers);
    }

    /// <summary>The account's average views lie in the range (<see cref="CreatorQuery.AverageViews"/>); unknown views never do.</summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    /// <param name="Range">The bounds.</param>
    public sealed record AverageViews(Platform? Platform, NumberRange<long> Range) : OnAccount(Platform)
    {
        private protected override bool Holds(AccountStats stats) => Range.Contains(stats.AverageViews);
    }

    /// <summary>The account's median views lie in the range (<see cref="CreatorQuery.MedianViews"/>); unknown views never do.</summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    /// <param name="Range">The bounds.</param>
    public sealed record MedianViews(Platform? Platform, NumberRange<long> Range) : OnAccount(Platform)
    {
        private protected override bool Holds(AccountStats stats) => Range.Contains(stats.MedianViews);
    }

    /// <summary>The account's engagement rate lies in the range (<see cref="CreatorQuery.EngagementRate"/>); an unknown rate never does.</summary>
    /// <param name="Platform">The account's platform; null for the primary account.</param>
    /// <param name="Range">The bounds, as fractions.</param>
    public sealed record EngagementRate(Platform? Platform, NumberRange<double> Range) : OnAccount(Platform)
    {
        private protected override bool Holds(AccountStats stats) => Range.Contains(stats.EngagementRate);
    }

    /// <summary>The lowest price on the rate card, in the range's currency, lies in the range (<see cref="CreatorQuery.Price"/>).</summary>
    /// <param name="Range">The bounds and their currency.</param>
    public sealed record Price(PriceRange Range) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Range.Contains(creator.RateCard?.LowestPrice);
    }

    /// <summary>At least a share of the audience is in a country (one of <see cref="CreatorQuery.FollowerCountries"/>).</summary>
    /// <param name="Threshold">The country and the least share.</param>
    public sealed record FollowerCountry(AudienceThreshold<Country> Threshold) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Threshold.IsMetBy(creator.Audience.Countries);
    }

    /// <summary>At least a share of the audience is of a gender (<see cref="CreatorQuery.FollowerGender"/>).</summary>
    /// <param name="Threshold">The gender and the least share.</param>
    public sealed record FollowerGender(AudienceThreshold<AudienceGender> Threshold) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Threshold.IsMetBy(creator.Audience.Gender);
    }

    /// <summary>At least a share of the audience is in an age bucket (one of <see cref="CreatorQuery.FollowerAges"/>).</summary>
    /// <param name="Threshold">The age bucket and the least share.</param>
    public sealed record FollowerAge(AudienceThreshold<AgeBucket> Threshold) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Threshold.IsMetBy(creator.Audience.Age);
    }

    /// <summary>The number of past campaigns lies in the range (<see cref="CreatorQuery.PastCampaignCount"/>).</summary>
    /// <param name="Range">The bounds.</param>
    public sealed record PastCampaignCount(NumberRange<int> Range) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Range.Contains(creator.PastCampaignCount);
    }

    /// <summary>The creator has the responsive badge (<see cref="CreatorQuery.RequireResponsiveBadge"/>).</summary>
    public sealed record ResponsiveBadge : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => creator.Badges.Contains(Badge.Responsive);
    }

    /// <summary>The gender holds the largest share of the audience (<see cref="CreatorQuery.MajorAudienceGender"/>).</summary>
    /// <param name="Gender">The gender.</param>
    public sealed record MajorAudienceGender(AudienceGender Gender) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) =>
            creator.Audience.Gender is { } genders && ReferenceEquals(genders.Major().Key, Gender);
    }

    /// <summary>The age bucket holds the largest share of the audience (<see cref="CreatorQuery.MajorAudienceAge"/>).</summary>
    /// <param name="Age">The age bucket.</param>
    public sealed record MajorAudienceAge(AgeBucket Age) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) =>
            creator.Audience.Age is { } ages && ReferenceEquals(ages.Major().Key, Age);
    }

    /// <summary>The country holds the largest share of the audience (<see cref="CreatorQuery.MajorAudienceCountry"/>).</summary>
    /// <param name="Country">The country.</param>
    public sealed record MajorAudienceCountry(Country Country) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) =>
            creator.Audience.Countries is { } countries && ReferenceEquals(countries.Major().Key, Country);
    }

    /// <summary>
    /// A handle, the display name or the bio contains the keyword, ignoring case and diacritics
    /// (<see cref="CreatorQuery.Keyword"/>); <see cref="RankOf"/> is where it is found, which a relevance sort orders by.
    /// </summary>
    public sealed record Keyword : CreatorQueryTerm
    {
        /// <summary>Creates the term.</summary>
        /// <param name="text">The keyword as the query holds it.</param>
        public Keyword(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Text = text;
            Folded = KeywordText.Fold(text.Trim());
        }

        /// <summary>The keyword as the query holds it.</summary>
        public string Text { get; }

        /// <summary>The keyword as it is matched: trimmed and folded (<see cref="KeywordText.Fold"/>), as a catalog folds the text it matches.</summary>
        public string Folded { get; }

        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => RankOf(creator) > 0;

        /// <summary>How well a creator matches: 3 for a handle, 2 for the display name, 1 for the bio, 0 for no match.</summary>
        /// <param name="creator">The creator.</param>
        /// <returns>The rank.</returns>
        public int RankOf(CreatorListing creator)
        {
            ArgumentNullException.ThrowIfNull(creator);
            return creator.Accounts.Any(account => Contains(account.Handle.Value)) ? 3
                : Contains(creator.Profile.DisplayName) ? 2
                : Contains(creator.Profile.Bio) ? 1
                : 0;
        }

        private bool Contains(string text) => KeywordText.Fold(text).Contains(Folded, StringComparison.Ordinal);
    }

    /// <summary>The creator is not one of those listed (<see cref="CreatorQuery.Excluded"/>).</summary>
    /// <param name="Creators">The creators left out, not empty.</param>
    public sealed record Excluded(IReadOnlyCollection<CreatorId> Creators) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => !Creators.Contains(creator.Id);
    }

    /// <summary>The creator is not on vacation (<see cref="CreatorQuery.ExcludeOnVacation"/>).</summary>
    public sealed record ExcludeOnVacation : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => !creator.OnVacation;
    }

    /// <summary>The creator is eligible under a marketplace policy as of an instant (<see cref="CreatorQuery.Eligibility"/>).</summary>
    /// <param name="Filter">The policy and the instant.</param>
    public sealed record Eligibility(EligibilityFilter Filter) : CreatorQueryTerm
    {
        /// <inheritdoc />
        public override bool Matches(CreatorListing creator) => Filter.IsMetBy(creator);
    }
}

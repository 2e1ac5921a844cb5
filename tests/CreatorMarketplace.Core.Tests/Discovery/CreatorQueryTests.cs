using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Tests.Creators;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CreatorQueryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private readonly FakeClock _clock = new(Now);

    private Creator MakeCreator(string name, string handle, long followers, double? engagement = null, long? medianViews = null, Country? country = null, string bio = "")
    {
        var profile = CreatorTests.Profile(name) with { Bio = bio, HomeCountry = country ?? Country.US, HomeSubdivision = null };
        var account = new PlatformAccount(new Handle(Platform.TikTok, handle), AccountType.Creator, AccountStats.Create(Now, followers, medianViews: medianViews, engagementRate: engagement));
        return Creator.Register(EntityId.New<CreatorId>(_clock), profile, account, _clock);
    }

    [Fact]
    public void An_invalid_query_names_every_problem()
    {
        var query = new CreatorQuery
        {
            Followers = new(50_000, 10_000),
            MedianViews = new(-1, null),
            EngagementRate = new(double.NaN, null),
            PastCampaignCount = new(null, 101),
            Price = new(null, new(100m, 500m)),
            FollowerCountries = [new(Country.US, 1.5)],
            FollowerGender = new(AudienceGender.Female, -0.1),
            Countries = [Country.US],
            Subdivisions = [Subdivision.Parse("CA-ON")],
            Keyword = "   ",
            PageSize = 0,
            Sort = CreatorSort.Followers,
            After = new SearchPosition(2, 10, CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"))),
        };

        query.Validate().Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Followers", "query.min_above_max"),
            ("MedianViews.min", "query.out_of_range"),
            ("EngagementRate.min", "query.out_of_range"),
            ("PastCampaignCount.max", "query.out_of_range"),
            ("Price.Currency", "query.price_without_currency"),
            ("FollowerCountries[US]", "query.share_out_of_range"),
            ("FollowerGender[Female]", "query.share_out_of_range"),
            ("Subdivisions", "query.contradiction"),
            ("Keyword", "query.keyword_invalid"),
            ("PageSize", "query.page_size_out_of_range"),
            ("After", "query.cursor_invalid"),
        ]);
    }

    [Fact]
    public void An_empty_query_is_valid_and_matches_everyone()
    {
        var query = new CreatorQuery();

        query.Validate().ShouldBeEmpty();
        query.Matches(MakeCreator("A", "a.one", 10).ToListing()).ShouldBeTrue();
    }

    [Fact]
    public void A_score_sort_needs_a_score_and_a_score_needs_the_score_sort()
    {
        new CreatorQuery { Sort = CreatorSort.Score }.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Score", "query.score_mismatch")]);
        new CreatorQuery { Score = new FollowersOver(0) }.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Score", "query.score_mismatch")]);
        new CreatorQuery { Sort = CreatorSort.Score, Score = new FollowersOver(0) }.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Sorting_by_a_score_puts_unrated_creators_last_in_either_direction()
    {
        var low = MakeCreator("A", "a.one", 20_000).ToListing();
        var high = MakeCreator("B", "b.two", 90_000).ToListing();
        var unrated = MakeCreator("C", "c.three", 5_000).ToListing();
        var query = new CreatorQuery { Sort = CreatorSort.Score, Score = new FollowersOver(10_000) };

        var descending = new List<CreatorListing> { unrated, low, high };
        descending.Sort(query.Compare);
        descending.ShouldBe([high, low, unrated]);

        var ascending = new List<CreatorListing> { unrated, high, low };
        ascending.Sort((query with { Descending = false }).Compare);
        ascending.ShouldBe([low, high, unrated]);
        query.PositionOf(unrated).Value.ShouldBeNull();
    }

    // Scores followers above a floor; below it the score is NaN, which a search treats as unrated.
    private sealed class FollowersOver(long floor) : ICreatorScore
    {
        public string Name => "followers-over";

        public double? Score(CreatorListing creator) =>
            creator.PrimaryAccount.Stats.Followers is var followers && followers >= floor ? followers : double.NaN;
    }

    [Fact]
    public void Missing_numbers_never_satisfy_a_bounded_range()
    {
        var unknown = MakeCreator("A", "a.one", 20_000, engagement: null);

        new CreatorQuery { EngagementRate = new(0.0, null) }.Matches(unknown.ToListing()).ShouldBeFalse();
        new CreatorQuery { EngagementRate = NumberRange<double>.Any }.Matches(unknown.ToListing()).ShouldBeTrue();
    }

    [Fact]
    public void Filters_combine_with_and_and_values_with_or()
    {
        var us = MakeCreator("A", "a.one", 20_000, engagement: 0.05, country: Country.US);
        var kr = MakeCreator("B", "b.two", 60_000, engagement: 0.02, country: Country.KR);

        var query = new CreatorQuery { Countries = [Country.US, Country.KR], Followers = new(30_000, null) };

        query.Matches(us.ToListing()).ShouldBeFalse();
        query.Matches(kr.ToListing()).ShouldBeTrue();
        (query with { Excluded = [kr.Id] }).Matches(kr.ToListing()).ShouldBeFalse();
        (query with { Platform = Platform.YouTube }).Matches(kr.ToListing()).ShouldBeFalse();
    }

    [Fact]
    public void Audience_thresholds_and_major_buckets_need_a_reported_audience()
    {
        var creator = MakeCreator("A", "a.one", 20_000);
        var query = new CreatorQuery { FollowerGender = new(AudienceGender.Female, 0.6), MajorAudienceCountry = Country.US };
        query.Matches(creator.ToListing()).ShouldBeFalse();

        creator.UpdateAudience(
            Audience.Unknown with
            {
                Gender = Distribution.Create(new Dictionary<AudienceGender, double> { [AudienceGender.Female] = 0.62, [AudienceGender.Male] = 0.38 }),
                Countries = Distribution.Create(new Dictionary<Country, double> { [Country.US] = 0.7, [Country.CA] = 0.3 }),
            },
            _clock);

        query.Matches(creator.ToListing()).ShouldBeTrue();
        (query with { MajorAudienceCountry = Country.CA }).Matches(creator.ToListing()).ShouldBeFalse();
    }

    [Fact]
    public void Prices_match_only_in_the_query_currency()
    {
        var creator = MakeCreator("A", "a.one", 20_000);
        creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.Video, Money.Of(300, Currency.USD))], negotiable: true), _clock);

        new CreatorQuery { Price = new(Currency.USD, new(100m, 500m)) }.Matches(creator.ToListing()).ShouldBeTrue();
        new CreatorQuery { Price = new(Currency.USD, new(400m, null)) }.Matches(creator.ToListing()).ShouldBeFalse();
        new CreatorQuery { Price = new(Currency.EUR, new(100m, 500m)) }.Matches(creator.ToListing()).ShouldBeFalse();
    }

    [Fact]
    public void Keywords_ignore_case_and_diacritics_and_rank_handles_first()
    {
        var byBio = MakeCreator("Ana Silva", "ana.cooks", 900_000, bio: "Receitas de São Paulo").ToListing();
        var byName = MakeCreator("José Paulo", "jp.eats", 10_000).ToListing();
        var byHandle = MakeCreator("Someone", "saopaulo.food", 1_000).ToListing();
        var none = MakeCreator("Other", "other.one", 5_000_000).ToListing();
        var query = new CreatorQuery { Keyword = "SAO PAULO".Replace(" ", string.Empty, StringComparison.Ordinal) };

        new[] { byBio, byName, byHandle, none }.Where(query.Matches).ShouldBe([byHandle]);

        var spaced = new CreatorQuery { Keyword = "paulo" };
        var found = new[] { byBio, byName, byHandle, none }.Where(spaced.Matches).ToList();
        found.Sort(spaced.Compare);
        found.ShouldBe([byHandle, byName, byBio]);
    }

    [Theory]
    [InlineData("jose", "José Paulo")]
    [InlineData("JOSÉ", "jose paulo")]
    [InlineData("sao paulo", "Ana, São Paulo")]
    [InlineData("bjorn", "Björn Öztürk")]
    [InlineData("ozturk", "Björn Öztürk")]
    [InlineData("strasse", "Straße")]
    [InlineData("nguyen", "Nguyễn Văn")]
    [InlineData("nguyễn", "NGUYEN VAN")]
    public void Keywords_match_names_without_regard_to_diacritics(string keyword, string name)
    {
        new CreatorQuery { Keyword = keyword }.Matches(MakeCreator(name, "someone.else", 1_000).ToListing()).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Ana, São Paulo", "ana, sao paulo")]
    [InlineData("Straße ÆON", "strasse aeon")]
    [InlineData("Nguyễn", "nguyen")]
    [InlineData("e\u0301te\u0301", "ete")]
    [InlineData("ΣΟΦΙΑ", "σοφια")]
    [InlineData("STRAẞE", "strasse")]
    [InlineData("\u212Bngstr\u00F6m", "angstrom")]
    public void Folded_text_is_what_keywords_are_matched_against(string text, string folded)
    {
        KeywordText.Fold(text).ShouldBe(folded);
        new CreatorQuery { Keyword = folded }.Matches(MakeCreator(text, "someone.else", 1_000).ToListing()).ShouldBeTrue();
        Should.Throw<ArgumentNullException>(() => KeywordText.Fold(null!));
    }

    // Folding is character by character, so text folds as its characters do one at a time, however its runs of
    // ASCII (lowered many at a time) and other characters fall; an ASCII letter folds to its lower case.
    [Property(MaxTest = 500)]
    public void Text_folds_as_its_characters_fold_one_at_a_time(int seed)
    {
        string[] pieces = ["a", "Z", "m", "0", " ", "-", "é", "É", "ß", "Æ", "e\u0301", "Σ", "ί", "日", "🎨", "Ǆ", "İ", "ſ", "\u0300"];
        var random = new Random(seed);
        var text = string.Concat(Enumerable.Range(0, random.Next(0, 80)).Select(_ => pieces[random.Next(pieces.Length)]));

        KeywordText.Fold(text).ShouldBe(string.Concat(text.Select(c => KeywordText.Fold(c.ToString()))), text);
        foreach (var letter in "AZaz09 -_")
        {
            KeywordText.Fold(letter.ToString()).ShouldBe(char.ToLowerInvariant(letter).ToString());
        }
    }

    // A catalog stores folded text and a query folds its keyword again, so folding what is folded changes nothing:
    // no character folds to one that folds further (the capital sharp s to "ß", the Angstrom sign to "å").
    [Fact]
    public void Folding_folded_text_changes_nothing()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (!char.IsSurrogate(c))
            {
                var folded = KeywordText.Fold(c.ToString());
                KeywordText.Fold(folded).ShouldBe(folded, $"U+{(int)c:X4}");
            }
        }
    }

    [Fact]
    public void Sorting_puts_unknown_values_last_in_either_direction_and_breaks_ties_by_id()
    {
        var high = MakeCreator("A", "a.one", 10_000, engagement: 0.09).ToListing();
        var low = MakeCreator("B", "b.two", 10_000, engagement: 0.01).ToListing();
        var unknown = MakeCreator("C", "c.three", 10_000, engagement: null).ToListing();
        var tieA = MakeCreator("D", "d.four", 10_000, engagement: 0.05).ToListing();
        var tieB = MakeCreator("E", "e.five", 10_000, engagement: 0.05).ToListing();
        var all = new List<CreatorListing> { unknown, low, tieB, high, tieA };
        var firstTie = tieA.Id.CompareTo(tieB.Id) < 0 ? tieA : tieB;
        var secondTie = firstTie == tieA ? tieB : tieA;

        var descending = new CreatorQuery { Sort = CreatorSort.EngagementRate };
        all.Sort(descending.Compare);
        all.ShouldBe([high, firstTie, secondTie, low, unknown]);

        var ascending = descending with { Descending = false };
        all.Sort(ascending.Compare);
        all.ShouldBe([low, firstTie, secondTie, high, unknown]);
    }

    [Fact]
    public void Queries_that_ask_the_same_are_equal_whatever_their_collections_order_or_type()
    {
        var score = CatalogScore.Create(new CatalogScoreWeights(AudienceFit: 0)).GetValueOrThrow();
        var query = new CreatorQuery { Countries = [Country.US, Country.CA], Languages = [Language.English], Sort = CreatorSort.Score, Score = score };
        var same = new CreatorQuery { Countries = new List<Country> { Country.CA, Country.US, Country.CA }, Languages = new HashSet<Language> { Language.English }, Sort = CreatorSort.Score, Score = CatalogScore.Create(new CatalogScoreWeights(AudienceFit: 0)).GetValueOrThrow() };

        same.ShouldBe(query);
        same.GetHashCode().ShouldBe(query.GetHashCode());
        (query with { Countries = [Country.US] }).ShouldNotBe(query);
        (query with { PageSize = 10 }).ShouldNotBe(query);
        (query with { Score = CatalogScore.Create(new CatalogScoreWeights(EngagementRate: 50, AudienceFit: 0)).GetValueOrThrow() }).ShouldNotBe(query);
    }
}

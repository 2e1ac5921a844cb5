using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CatalogScoreTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 25, 12, 0));

    private static async Task<(InMemoryCreatorCatalog Catalog, List<CreatorListing> Listings)> Catalog(int size, int seed)
    {
        var catalog = new InMemoryCreatorCatalog();
        var listings = new CreatorGenerator(seed, Clock).Generate(size).Select(c => c.ToListing()).ToList();
        foreach (var listing in listings)
        {
            (await catalog.UpsertAsync(listing)).ShouldBeTrue();
        }

        return (catalog, listings);
    }

    [Fact]
    public void The_exact_score_is_the_documented_weighted_mean()
    {
        var score = CatalogScore.Create(new CatalogScoreWeights(EngagementRate: 1, ViewsToFollowers: 1, PastCampaigns: 0, AudienceFit: 2), Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 1d)])).GetValueOrThrow();
        var listing = new CreatorGenerator(3, Clock).Generate(1).Single().ToListing();
        var stats = listing.PrimaryAccount.Stats;
        var er = Math.Min(1, stats.EngagementRate!.Value / 0.1);
        var vf = Math.Min(1, (double)stats.MedianViews!.Value / stats.Followers / 0.5);
        var fit = listing.Audience.Gender![AudienceGender.Female].Fraction;

        score.Score(listing)!.Value.ShouldBe(100 * (er + vf + (2 * fit)) / 4, 1e-9);
    }

    [Fact]
    public void Invalid_weights_are_refused_naming_each()
    {
        CatalogScore.Create(new CatalogScoreWeights(EngagementRate: -1, ViewsToFollowers: 0, PastCampaigns: 0, AudienceFit: 1, ViewsToFollowersAtFull: 0))
            .Errors.Select(e => e.Field).ShouldBe(["EngagementRate", "weights", "ViewsToFollowersAtFull", "AudienceFit"]);
    }

    [Theory]
    [InlineData(1e-7, 0.1, "EngagementRate")]
    [InlineData(1e7, 0.1, "EngagementRate")]
    [InlineData(35, 1e-300, "EngagementRateAtFull")]
    [InlineData(35, 1e300, "EngagementRateAtFull")]
    [InlineData(35, double.PositiveInfinity, "EngagementRateAtFull")]
    public void Weights_and_full_marks_a_float_cannot_hold_are_refused(double weight, double atFull, string field)
    {
        // 1/1e-300 is an infinite float, and a rate of 0 times it NaN: the float ranking took a known score for none.
        var refused = CatalogScore.Create(new CatalogScoreWeights(EngagementRate: weight, AudienceFit: 0, EngagementRateAtFull: atFull));

        refused.Errors.Select(e => e.Field).ShouldBe([field]);
        refused.Errors.Single().Message.ShouldContain("from 1E-06 to 1000000");
    }

    [Fact]
    public async Task A_search_by_a_score_at_the_bounds_equals_a_full_sort()
    {
        var (catalog, listings) = await SharedCatalog.Value;
        var score = CatalogScore.Create(new CatalogScoreWeights(
            EngagementRate: CatalogScore.LeastValue,
            ViewsToFollowers: CatalogScore.MostValue,
            PastCampaigns: 1,
            AudienceFit: 0,
            EngagementRateAtFull: CatalogScore.LeastValue,
            ViewsToFollowersAtFull: CatalogScore.MostValue,
            PastCampaignsAtFull: CatalogScore.LeastValue)).GetValueOrThrow();

        foreach (var descending in new[] { true, false })
        {
            var query = new CreatorQuery { Sort = CreatorSort.Score, Score = score, Descending = descending, PageSize = 100 };
            var page = (await catalog.SearchAsync(query)).AsT0;

            var expected = listings.Where(query.Matches).ToList();
            expected.Sort(query.Compare);
            page.Items.Select(c => c.Id).ShouldBe(expected.Take(100).Select(c => c.Id));
        }
    }

    [Fact]
    public async Task Float_scores_on_the_columns_stay_within_the_margin_of_the_exact_scores()
    {
        var (catalog, listings) = await Catalog(5_000, seed: 11);
        var score = CreatorCatalogContract.RandomCatalogScore(new Random(4));

        using var all = catalog.ScoreAll(score);
        var top = all.Top(1_000);

        all.Count.ShouldBe(5_000);
        var expected = listings
            .Select(l => (Creator: l, Score: score.Score(l)))
            .OrderBy(e => e.Score is null).ThenByDescending(e => e.Score).ThenBy(e => e.Creator.Id)
            .Take(1_000)
            .Select(e => e.Creator.Id);
        top.Select(e => e.Creator.Id).ShouldBe(expected);
        all.ScoreOf(listings[7].Id).ShouldBe(score.Score(listings[7]));
    }

    [Property(MaxTest = 30)]
    public Property Top_k_equals_a_full_sorts_first_k(PositiveInt seed, PositiveInt k)
    {
        var (catalog, listings) = Catalog(800, seed.Get).GetAwaiter().GetResult();
        var score = CreatorCatalogContract.RandomCatalogScore(new Random(seed.Get));
        var count = 1 + (k.Get % 200);

        var top = catalog.ScoreAll(score).Top(count).Select(e => e.Creator.Id);

        var sorted = listings.OrderBy(l => score.Score(l) is null).ThenByDescending(l => score.Score(l)).ThenBy(l => l.Id).Take(count).Select(l => l.Id);
        return top.SequenceEqual(sorted).Label("top.SequenceEqual(sorted)");
    }

    [Fact]
    public async Task Disposed_scores_refuse_to_rank_or_score_and_may_be_disposed_of_twice()
    {
        var (catalog, listings) = await Catalog(200, seed: 2);
        var all = catalog.ScoreAll(CreatorCatalogContract.RandomCatalogScore(new Random(1)));
        all.Top(3).Count.ShouldBe(3);
        all.ScoreOf(listings[0].Id).ShouldBe(all.Score.Score(listings[0]));

        all.Dispose();
        all.Dispose();

        // The catalog may have written over the rows they read: nothing is answered from them any more.
        Should.Throw<ObjectDisposedException>(() => all.Top(3));
        Should.Throw<ObjectDisposedException>(() => all.ScoreOf(listings[0].Id));
        all.Count.ShouldBe(200);
    }

    [Property(MaxTest = 40)]
    public Property A_search_sorted_by_a_catalog_score_equals_a_full_sort(PositiveInt seed)
    {
        var (catalog, listings) = SharedCatalog.Value.GetAwaiter().GetResult();
        var random = new Random(seed.Get);
        Country[] countries = [Country.US, Country.GB, Country.BR, Country.KR, Country.MX, Country.DE];

        // From a handful of matches (scored gathered) to most of the catalog (scored where they lie).
        var query = new CreatorQuery
        {
            Sort = CreatorSort.Score,
            Score = CreatorCatalogContract.RandomCatalogScore(random),
            Descending = random.Next(2) == 0,
            PageSize = random.Next(1, 120),
            Countries = random.Next(4) == 0 ? [] : countries[..random.Next(1, countries.Length)],
            Followers = random.Next(2) == 0 ? NumberRange<long>.Any : new((long)Math.Pow(10, random.Next(2, 6)), null),
        };

        var page = catalog.SearchAsync(query).AsTask().GetAwaiter().GetResult().AsT0;

        var expected = listings.Where(query.Matches).ToList();
        expected.Sort(query.Compare);
        return (page.TotalCount == expected.Count).Label("page.TotalCount == expected.Count")
            .And((page.Items.Select(c => c.Id).SequenceEqual(expected.Take(query.PageSize).Select(c => c.Id))).Label("page.Items.Select(c => c.Id).SequenceEqual(expected.Take(query.PageSize).Select(c => c.Id))"));
    }

    [Fact]
    public void Scoring_a_listing_allocates_nothing()
    {
        var score = CatalogScore.Create(
            new CatalogScoreWeights(EngagementRate: 1, ViewsToFollowers: 1, PastCampaigns: 1, AudienceFit: 2),
            Distribution.Create([KeyValuePair.Create(AudienceGender.Female, 0.7), KeyValuePair.Create(AudienceGender.Male, 0.3)]),
            Distribution.Create([KeyValuePair.Create(AgeBucket.From18To24, 1d)])).GetValueOrThrow();
        var listing = new CreatorGenerator(5, Clock).Generate(1).Single().ToListing();
        listing.Audience.Gender.ShouldNotBeNull();
        listing.Audience.Age.ShouldNotBeNull();
        var first = score.Score(listing);

        // A scored search scores every row near its cut-off exactly: the fit's buckets are not listed anew each time.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = score.Score(listing);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        again.ShouldBe(first);
        allocated.ShouldBe(0);
    }

    // Scores that each beat every one before: every row is at least as good as the page so far when it comes.
    private static List<int> TopOfRisingScores(int count, int words) =>
        CatalogSearch.TopRowsByScore(count, descending: true, words, _ => ulong.MaxValue, (word, _, scores) =>
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = (word * 64) + i;
            }
        });

    [Fact]
    public void Ranking_rows_that_each_beat_the_last_keeps_a_bounded_buffer()
    {
        const int Words = 2_000; // 128,000 rows
        TopOfRisingScores(100, Words).ShouldBe(Enumerable.Range((Words * 64) - 100, 100));

        // The rows fall below the page as better ones come: they are dropped as the buffer fills rather than kept
        // until the end (128,000 rows in a list that grew to hold them, about 2 MB, before).
        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = TopOfRisingScores(100, Words);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        rows.ShouldBe(Enumerable.Range((Words * 64) - 100, 100));
        allocated.ShouldBeLessThan(16_000);
    }

    [Property(MaxTest = 100)]
    public Property The_rows_ranked_by_a_score_are_those_within_two_margins_of_the_page(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var words = random.Next(1, 120);
        var count = random.Next(1, 300);
        var descending = random.Next(2) == 0;

        // Few distinct scores, so that many rows tie at the cut-off, some rows unscored (NaN), and matches of every density.
        var levels = random.Next(1, 40);
        var scores = Enumerable.Range(0, words * 64).Select(_ => random.Next(12) == 0 ? float.NaN : random.Next(levels) * 0.007f).ToArray();
        var density = random.NextDouble();
        var matches = Enumerable.Range(0, words).Select(_ =>
        {
            var bits = 0UL;
            for (var bit = 0; bit < 64; bit++)
            {
                bits |= random.NextDouble() < density ? 1UL << bit : 0;
            }

            return bits;
        }).ToArray();

        var rows = CatalogSearch.TopRowsByScore(count, descending, words, word => matches[word], (word, _, into) => scores.AsSpan(word * 64, 64).CopyTo(into));

        var matched = Enumerable.Range(0, words * 64).Where(row => (matches[row / 64] & (1UL << (row % 64))) != 0).ToList();
        var goodness = matched.Select(row => CatalogSearch.Goodness(scores[row], descending)).OrderDescending().ToList();
        var least = goodness.Count < count ? float.NegativeInfinity : goodness[count - 1] - (2 * CatalogSearch.ScoreMargin);
        var expected = matched.Where(row => CatalogSearch.Goodness(scores[row], descending) >= least);
        return rows.Order().SequenceEqual(expected).Label($"rows ({rows.Count}) equal the matches within two margins of the {count}th best ({expected.Count()})");
    }

    private static readonly Lazy<Task<(InMemoryCreatorCatalog Catalog, List<CreatorListing> Listings)>> SharedCatalog = new(() => Catalog(3_000, seed: 29));
}

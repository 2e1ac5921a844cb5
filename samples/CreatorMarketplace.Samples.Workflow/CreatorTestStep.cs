using System.Globalization;
using CreatorMarketplace.Brands;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Connectors;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Planning;
using CreatorMarketplace.Scoring;
using CreatorMarketplace.Testing;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 12: a creator test. Before it, each creator's next video is forecast from their settled posts, or their
/// peers' when they have too few: views and engagements with 80% prediction intervals, and the cost of each at the fee;
/// USD 50,000 is then planned across the US and GB on the forecast views, from candidates built from the creators'
/// listings (the ineligible and the conflicted left out, each with the reason) under a tier mix, with the plan's
/// explanation. Three creators get the same brief and a tracking link each; the test fixes, before it
/// starts, the visits each needs to detect one percentage point of conversion at 80% power, refuses to call a winner
/// halfway, and then gives its verdict on cost per acquisition: each creator's cost with its interval, every pair
/// compared with Holm's correction, and the probability that each is best.
/// </summary>
internal static class CreatorTestStep
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Money Fee = Money.Of(6_000m, Currency.USD);

    // What the shortlist's past collaborations brought, as a ConversionBook's reconciliation and the posts' views
    // would give them (made up): the first creator has 13 attributed conversions, enough for her own rate; the second
    // has none and the third four, so theirs come from peers' collaborations.
    private static readonly AttributedResults[][] PastCollaborations = [[new(2_400, 7), new(3_100, 6)], [], [new(9_800, 4)]];

    private static readonly AttributedResults[] PeerCollaborations =
    [
        new(12_000, 19), new(25_000, 48), new(8_500, 11), new(40_000, 130), new(16_000, 22), new(31_000, 70),
        new(9_000, 30), new(22_000, 35), new(55_000, 90), new(14_000, 41), new(18_000, 20), new(27_000, 62),
    ];

    // The tier mix: at most USD 20,000 on nano creators.
    private static readonly TierSpend TierMix = new(FollowerTier.Nano, Money.Zero(Currency.USD), Money.Of(20_000m, Currency.USD));

    public static async Task Run(CampaignReport report, TextWriter output)
    {
        output.WriteLine("Step 12: a creator test");
        var section = new Section(output);
        var shortlist = await Forecast(section);
        PlanBudget(shortlist, section);
        var test = CreatorTest.Create(
            "spring-glow-creators",
            [
                new TestArm("maya", TestArmKind.Creator, "@maya.makes, unboxing video"),
                new TestArm("leo", TestArmKind.Creator, "@leo.glows, get-ready-with-me video"),
                new TestArm("ana", TestArmKind.Creator, "@ana.skin, routine video"),
            ],
            TestMetric.CostPerAcquisition(Currency.USD),
            baseline: 0.05,
            minimumDetectableEffect: 0.01,
            significanceLevel: 0.05,
            power: 0.8);
        output.WriteLine($"  {test}: {test.Comparisons} comparisons, each planned at α = {test.PlannedSignificanceLevel.ToString("0.0000", Invariant)}");

        // Halfway through, the brand asks who is winning; the test names what each arm still lacks instead.
        var halfway = test.Analyse(
        [
            new ArmObservation("maya", 5_600, 341, Money.Of(3_000m, Currency.USD)),
            new ArmObservation("leo", 6_100, 290, Money.Of(3_000m, Currency.USD)),
            new ArmObservation("ana", 4_900, 262, Money.Of(3_000m, Currency.USD)),
        ]);
        output.WriteLine($"  halfway: {halfway}");

        var verdict = test.Analyse(
        [
            new ArmObservation("maya", 11_240, 668, Money.Of(6_000m, Currency.USD)),
            new ArmObservation("leo", 11_870, 561, Money.Of(6_000m, Currency.USD)),
            new ArmObservation("ana", 10_960, 579, Money.Of(6_000m, Currency.USD)),
        ],
            seed: 2027);
        verdict.Switch(result => Write(result, section), incomplete => output.WriteLine($"  {incomplete}"));

        // The campaign report of step 8 gets the planning as a section of its own: the same tables, and charts.
        await report.WriteAsync(
        [
            new ReportSection(
                "Planning the next campaign",
                [
                    $"Forecasts of the next video at {Fee}, a plan of USD 50,000 across the US and GB on the forecast views, and a three-arm creator test on cost per acquisition ({test}).",
                    "Forecast intervals are 80% prediction intervals; the test's intervals are 95% (percentile bootstrap, seeded), its comparisons Holm-corrected.",
                ],
                section.Charts,
                section.Tables),
        ]);
        output.WriteLine($"  Report written again with a planning section and {section.Charts.Count} more charts: {report.Path}");
        output.WriteLine();
    }

    private static async Task<List<(Creator Creator, PostForecast Views)>> Forecast(Section section)
    {
        // A simulated TikTok stands in for the creators' connected accounts: a year of posts each, read as the
        // platform gives them. The first three make the shortlist; the second's account is new: five settled posts.
        var clock = new FakeClock(Instant.FromUtc(2027, 3, 1, 0, 0));
        var platform = new SimulatedPlatform(Platform.TikTok, 2027, clock, new SimulatedPlatformOptions { History = Duration.FromDays(365), RequestsPerMinute = 100_000 });
        var creators = new List<(Creator Creator, PeerGroup Group, List<PostMetricsHistory> Posts)>();
        foreach (var creator in new CreatorGenerator(2027, clock).Generate(80).Where(creator => creator.PrimaryAccount.Stats.PostsLast30Days > 0))
        {
            // Peers are creators of the same follower tier; any market, so that a group has enough posts.
            creators.Add((creator, new PeerGroup(null, creator.PrimaryAccount.Stats.Tier, Country.US), await NewestPosts(platform, platform.Connect(creator), clock.GetCurrentInstant() - PostForecaster.SettledAfter, 40)));
        }

        var peerPosts = creators.Skip(3).SelectMany(peer => peer.Posts.Select(post => (peer.Group, post))).ToList();
        var peers = PostForecaster.PeerPosts(peerPosts, PostKind.Video, ForecastMetric.Views);
        var engagingPeers = PostForecaster.PeerPosts(peerPosts, PostKind.Video, ForecastMetric.Engagements);
        var rows = new List<string[]>();
        var conversionRows = new List<string[]>();
        var ranges = new List<SvgCharts.RangeRow>();
        for (var i = 0; i < 3; i++)
        {
            var (creator, group, posts) = creators[i];
            var history = i == 1 ? posts.Take(5).ToList() : posts;
            var views = PostForecaster.Forecast(history, PostKind.Video, ForecastMetric.Views, peers, group, Fee);
            var engagements = PostForecaster.Forecast(history, PostKind.Video, ForecastMetric.Engagements, engagingPeers, group, Fee);
            var conversions = ConversionForecaster.Forecast(views, PastCollaborations[i], PeerCollaborations, Fee, seed: 2027);
            conversionRows.Add(
            [
                creator.PrimaryAccount.Handle.ToString(),
                conversions.Basis == ForecastBasis.CreatorHistory
                    ? $"own: {conversions.AttributedConversions} in {conversions.AttributedViews:N0} views"
                    : $"{conversions.Collaborations} peers' collaborations",
                $"{conversions.Rate.ToPercentString()}", Range(conversions.Expected), Cost(conversions.Cost),
            ]);
            rows.Add(
            [
                creator.PrimaryAccount.Handle.ToString(),
                views.Basis == ForecastBasis.CreatorHistory ? $"{views.Posts} own posts" : $"{views.Posts:N0} peer posts ({group.Tier})",
                Range(views.Expected), Cost(views.Cost, "0.0000"), Range(engagements.Expected), Cost(engagements.Cost, "0.00"),
            ]);
            ranges.Add(new SvgCharts.RangeRow(
                rows[^1][0],
                SvgCharts.Colour(i),
                views.Expected.Estimate,
                views.Expected.Lower,
                null,
                views.Expected.Upper,
                views.Basis == ForecastBasis.CreatorHistory ? $"{views.Posts} own posts" : $"{views.Posts:N0} peer posts",
                $"{rows[^1][0]}: {Range(views.Expected)} views, from {rows[^1][1]}"));
        }

        section.Table(new ReportTable(
            $"Forecasts of the next video at {Fee} (median [{PostForecaster.DefaultLevel * 100:0}% prediction interval])",
            ["creator", "rests on", "views", "USD per view", "engagements", "USD per engagement"],
            rows,
            TextColumns: 2));
        section.Table(new ReportTable(
            $"Conversions of the next video at {Fee} (median [{PostForecaster.DefaultLevel * 100:0}% interval]; the rate per view from the creator's attributed conversions, or her peers' below {ConversionForecaster.MinimumConversions})",
            ["creator", "rate rests on", "conversions per view", "conversions", "USD per acquisition"],
            conversionRows,
            TextColumns: 2));
        section.Charts.Add(SvgCharts.Ranges(
            "forecast",
            "Forecast views of the next video",
            "Each shortlisted creator's forecast views of her next video: the median as a dot, the 80% prediction interval as a box, and what the forecast rests on.",
            new("views", SvgCharts.Compact),
            ranges,
            ("80% prediction interval", null, "median forecast")));

        // The planner's shortlist: the first eight creators, each with her forecast views.
        return [.. creators.Take(8).Select((entry, i) => (entry.Creator, PostForecaster.Forecast(i == 1 ? entry.Posts.Take(5).ToList() : entry.Posts, PostKind.Video, ForecastMetric.Views, peers, entry.Group)))];
    }

    // Plans USD 50,000 of videos across the US and GB on the forecast views. The candidates are built from the
    // creators' listings: priced from their rate cards, checked against the campaign's eligibility (a personal or
    // creator account, as the marketplace's policy asks; the shortlist's simulated creators are too small for its
    // follower minimum) and their contracts' exclusivities, with every creator left out named with the reason.
    private static void PlanBudget(List<(Creator Creator, PostForecast Views)> shortlist, Section section)
    {
        var output = section.Output;
        var clock = new FakeClock(Instant.FromUtc(2027, 3, 1, 0, 0));
        decimal[] offers = [6_000m, 9_500m, 7_000m, 12_000m, 8_000m, 5_500m, 11_000m, 9_000m];
        for (var i = 0; i < shortlist.Count; i++)
        {
            shortlist[i].Creator.SetRateCard(RateCard.Create(Currency.USD, [KeyValuePair.Create(DeliverableType.ShortVideo, Money.Of(offers[i], Currency.USD))], negotiable: true), clock);
        }

        // The fifth creator promotes a competitor's cosmetics this quarter: her exclusivity keeps her out.
        var glow = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
        var start = clock.GetCurrentInstant();
        var views = shortlist.ToDictionary(entry => entry.Creator.Id, entry => entry.Views.Expected.Estimate);
        var selection = PlanCandidates.FromListings(
            shortlist.Select(entry => entry.Creator.ToListing()),
            Currency.USD,
            [DeliverableType.ShortVideo],
            (listing, _) => views[listing.Id],
            CreatorRules.AccountTypes(AccountType.Personal, AccountType.Creator),
            start,
            [Exclusive(shortlist[4].Creator.Id, start, clock)],
            new ProposedEngagement(glow, [new IndustryLabel("cosmetics")], start, start + Duration.FromDays(30)));
        foreach (var left in selection.LeftOut)
        {
            output.WriteLine($"  left out: {left}");
        }

        // Each video is bought for one market, alternating down the shortlist.
        var markets = shortlist.Select((entry, i) => (entry.Creator.Id, Market: i % 2 == 0 ? Country.US : Country.GB)).ToDictionary(entry => entry.Id, entry => entry.Market);
        var candidates = selection.Candidates.Select(candidate => candidate with { Market = markets[candidate.Creator] }).ToList();

        // The first creator is the brand's ambassador.
        var constraints = new PlanConstraints
        {
            MaxCreatorShare = 0.25,
            MustInclude = [shortlist[0].Creator.Id],
            Markets =
            [
                new MarketSpend(Country.US, Money.Of(20_000m, Currency.USD), Money.Of(35_000m, Currency.USD)),
                new MarketSpend(Country.GB, Money.Of(10_000m, Currency.USD), Money.Of(20_000m, Currency.USD)),
            ],
            Tiers = [TierMix],
        };
        // Planning runs on this thread; a request that gives up (here after ten seconds) stops it through the token.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var outcome = BudgetPlanner.Plan(Money.Of(50_000m, Currency.USD), candidates, constraints, cancellationToken: patience.Token);
        outcome.Switch(plan => Write(plan, constraints, section), infeasible => output.WriteLine($"  {infeasible}"));
    }

    // A signed contract of another cosmetics brand, exclusive in the category for 90 days from now.
    private static Contract Exclusive(CreatorId creator, Instant start, FakeClock clock)
    {
        var terms = new ContractTerms
        {
            Fee = Money.Of(4_000m, Currency.USD),
            Deliverables = [new ContractDeliverable("winter-video", DeliverableType.ShortVideo, Platform.TikTok, 1, PostingWindow.Create(new LocalDateTime(2027, 3, 2, 9, 0), new LocalDateTime(2027, 3, 2, 18, 0), DateTimeZone.Utc))],
            Revisions = new RevisionPolicy(1, Duration.FromHours(48)),
            Exclusivity = new Exclusivity { Categories = [new IndustryLabel("cosmetics")], Start = start, End = start + Duration.FromDays(90) },
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(7, Money.Of(200m, Currency.USD)),
            Disclosure = new DisclosureDuty([Country.US]),
        };
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8058")), creator, terms, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Rae Rival", 1, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Sam Lee", 1, clock).ThrowIfNotAllowed();
        return contract;
    }

    private static void Write(BudgetPlan plan, PlanConstraints constraints, Section section)
    {
        section.Table(new ReportTable(
            $"Budget plan: {plan} (25% most per creator, US USD 20,000 to 35,000, GB USD 10,000 to 20,000, {TierMix.Tier.Name} at most {Usd(TierMix.Maximum.Amount)})",
            ["creator", "market", "tier", "price", "expected views", "views per USD"],
            [.. plan.Purchases.Select(purchase => new[]
            {
                purchase.Candidate.Name, purchase.Candidate.Market.Code, purchase.Candidate.Tier.Name,
                Usd(purchase.Candidate.Price.Amount), purchase.Candidate.ExpectedValue.ToString("N0", Invariant), purchase.ValuePerUnit.ToString("0.00", Invariant),
            })],
            ["total", string.Empty, string.Empty, Usd(plan.Spent.Amount), plan.TotalValue.ToString("N0", Invariant), string.Empty],
            TextColumns: 3));
        section.Table(new ReportTable(
            "What binds",
            ["limit", "used", "limit amount", "slack", "candidates kept out"],
            [.. plan.Binding.Select(limit => new[] { limit.Name, Usd(limit.Used.Amount), Usd(limit.Amount.Amount), Usd(limit.Slack.Amount), limit.KeptOut.ToString(Invariant) })],
            TextColumns: 1));
        section.Output.WriteLine($"  next: {plan.Next?.ToString() ?? "every candidate is in or excluded"}");
        section.Charts.Add(SpendChart(plan, constraints));
    }

    // What the plan spends in each market and on each tier, against the range the constraints give it; a tier
    // without a range is drawn without a box. A limit that keeps a candidate out is named beside its row.
    private static string SpendChart(BudgetPlan plan, PlanConstraints constraints)
    {
        var rows = new List<SvgCharts.RangeRow>();
        foreach (var range in constraints.Markets)
        {
            rows.Add(SpendRow(plan, $"market {range.Market.Code}", $"Markets[{range.Market.Code}]", rows.Count, purchase => purchase.Candidate.Market == range.Market, range.Minimum, range.Maximum));
        }

        foreach (var tier in plan.Purchases.Select(purchase => purchase.Candidate.Tier).Concat(constraints.Tiers.Select(range => range.Tier)).Distinct().OrderBy(tier => tier.Value))
        {
            var range = constraints.Tiers.FirstOrDefault(range => range.Tier == tier);
            rows.Add(SpendRow(plan, $"tier {tier.Name}", $"Tiers[{tier.Name}]", rows.Count, purchase => purchase.Candidate.Tier == tier, range?.Minimum, range?.Maximum));
        }

        return SvgCharts.Ranges(
            "plan-spend",
            "Budget plan: spend per market and tier against their ranges",
            $"What the plan spends in each market and on each follower tier (a dot), against the minimum to maximum the constraints allow (a box; a tier without a range has none). {plan}.",
            new("USD", SvgCharts.Compact),
            rows,
            ("allowed range", null, "planned spend"));

        SvgCharts.RangeRow SpendRow(BudgetPlan plan, string name, string limit, int index, Func<PlannedPurchase, bool> counts, Money? minimum, Money? maximum)
        {
            var spent = plan.Purchases.Where(counts).Sum(purchase => purchase.Candidate.Price.Amount);
            var binds = plan.Binding.Any(binding => binding.Name == $"{limit}.Maximum");
            var allowed = minimum is { } low && maximum is { } high ? $" of {Usd(low.Amount, "N0")} to {Usd(high.Amount, "N0")}" : ", no range";
            return new SvgCharts.RangeRow(
                name,
                SvgCharts.Colour(index),
                (double)spent,
                (double?)minimum?.Amount,
                null,
                (double?)maximum?.Amount,
                Usd(spent, "N0") + (binds ? ", binds" : string.Empty),
                $"{name}: USD {Usd(spent, "N0")}{allowed}{(binds ? "; its maximum keeps a candidate out" : string.Empty)}");
        }
    }

    // The account's newest posts that went live by an instant, up to a number, newest first, each with its snapshot of now.
    private static async Task<List<PostMetricsHistory>> NewestPosts(SimulatedPlatform platform, ConnectedAccount account, Instant settledBy, int count)
    {
        var ids = new List<string>();
        await foreach (var page in platform.ListPostsAsync(account, null, default))
        {
            ids.AddRange(page.GetValueOrThrow().Posts.Where(post => post.PostedAt <= settledBy).Select(post => post.Id));
            if (ids.Count >= count)
            {
                break;
            }
        }

        var posts = new List<PostMetricsHistory>();
        foreach (var chunk in ids.Take(count).Chunk(platform.MaxPostsPerMetricsCall))
        {
            foreach (var metrics in (await platform.GetPostMetricsAsync(account, chunk, default)).GetValueOrThrow())
            {
                var post = new PostMetricsHistory(metrics.PostId);
                post.Add(metrics);
                posts.Add(post);
            }
        }

        return posts;
    }

    private static void Write(TestResult result, Section section)
    {
        section.Table(new ReportTable(
            $"Arms ({result.Test.Metric}, {Percent(1d - result.Test.SignificanceLevel, "0")} intervals)",
            ["arm", "stands for", "visits", "conversions", "conversion rate (Wilson)", "USD per acquisition (bootstrap)", "P(best)"],
            [.. result.Arms.Select(arm => new[]
            {
                arm.Arm.Name, arm.Arm.Description, arm.Trials.ToString("N0", Invariant), arm.Successes.ToString("N0", Invariant),
                arm.Rate.ToPercentString(), Cost(arm.CostPerAcquisition), Percent(arm.ProbabilityBest, "0.0"),
            })],
            TextColumns: 2));
        section.Table(new ReportTable(
            "Comparisons (Holm-corrected)",
            ["first − second", "difference in USD per acquisition", "p", "Holm p", "better"],
            [.. result.Comparisons.Select(comparison => new[]
            {
                $"{comparison.First.Name} − {comparison.Second.Name}",
                $"{Usd(comparison.Difference.Estimate)} [{Usd(comparison.Difference.Lower)}, {Usd(comparison.Difference.Upper)}]",
                comparison.PValue.ToString("0.0000", Invariant), comparison.AdjustedPValue.ToString("0.0000", Invariant),
                comparison.Better?.Name ?? "not significant",
            })],
            TextColumns: 1));
        section.Output.WriteLine($"  verdict: {result} (seed {result.Seed}, {result.Draws:N0} draws)");

        // The arms on the test's metric with their intervals; the winner, if the test found one, named beside it.
        var level = Percent(1d - result.Test.SignificanceLevel, "0");
        section.Charts.Add(SvgCharts.Ranges(
            "test-arms",
            $"Creator test: cost per acquisition of each arm ({level} intervals)",
            $"Each arm's cost per acquisition (a dot) with its {level} percentile bootstrap interval (a box), and its probability of being best; the winner is the arm significantly cheaper than every other after Holm's correction. {result}.",
            new("USD per acquisition", amount => amount.ToString("0.##", Invariant)),
            [.. result.Arms.Select((arm, i) => new SvgCharts.RangeRow(
                arm.Arm.Name,
                SvgCharts.Colour(i),
                (double?)arm.CostPerAcquisition?.Estimate.Amount,
                (double?)arm.CostPerAcquisition?.Lower,
                null,
                (double?)arm.CostPerAcquisition?.Upper,
                (arm.Arm == result.Winner ? "winner, " : string.Empty) + $"P(best) {Percent(arm.ProbabilityBest, "0.0")}",
                $"{arm.Arm.Name} ({arm.Arm.Description}): {Cost(arm.CostPerAcquisition)} per acquisition; P(best) {Percent(arm.ProbabilityBest, "0.0")}{(arm.Arm == result.Winner ? "; the winner" : string.Empty)}"))],
            ($"{level} bootstrap interval", null, "cost per acquisition")));
    }

    private static string Cost(CostInterval? cost, string format = "0.00") =>
        cost is { } known ? $"{Usd(known.Estimate.Amount, format)} [{Usd(known.Lower, format)}, {Usd(known.Upper, format)}]" : "n/a";

    private static string Range(Planning.Interval forecast) =>
        $"{forecast.Estimate.ToString("N0", Invariant)} [{forecast.Lower.ToString("N0", Invariant)}, {forecast.Upper.ToString("N0", Invariant)}]";

    private static string Percent(double share, string format) => (share * 100d).ToString(format, Invariant) + "%";

    private static string Usd(decimal? amount, string format = "0.00") => amount is { } value ? value.ToString(format, Invariant) : "unbounded";

    private static string Usd(double amount) => double.IsFinite(amount) ? amount.ToString("0.00", Invariant) : amount > 0 ? "+∞" : "−∞";

    // The step's tables, printed as they come and kept, with its charts, for the report's planning section.
    private sealed class Section(TextWriter output)
    {
        public TextWriter Output { get; } = output;

        public List<ReportTable> Tables { get; } = [];

        public List<string> Charts { get; } = [];

        public void Table(ReportTable table)
        {
            table.Write(Output);
            Tables.Add(table);
        }
    }
}

using System.Globalization;
using System.Text;
using CreatorMarketplace;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Scoring;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 8: how the campaign of step 6 performed. Its creator and three more post for it; the platform's numbers
/// are synced every 12 hours for 14 days into one history per post, orders arrive through discount codes and
/// tracking links, and engagement is benchmarked against peers. The report prints tables whose campaign row is a
/// ratio of sums, and writes one HTML file with the charts drawn as inline SVG.
/// </summary>
internal static class MetricsStep
{
    // 14 days of syncs every 12 hours, and a peer population large enough for a few dozen peers per group.
    private const int Syncs = 28;
    private const int PeerCount = 20_000;

    // The numbers are made up, one row per creator, step 6's first: the views a post tends to and the hours it
    // takes to reach half of them; likes, comments, shares and completed plays per 1,000 views (null: the platform
    // did not report completed plays); and the orders its discount code and link bring in.
    private static readonly PostPlan[] Plans =
    [
        new(420_000, 30, 68, 4, 9, 312, 14),
        new(610_000, 18, 41, 2, 5, 254, 9),
        new(150_000, 60, 93, 7, 14, null, 5),
        new(95_000, 40, 55, 3, 6, 287, 0),
    ];

    private static readonly EngagementRate Definition = EngagementRate.TikTokReport;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<CampaignReport> Run(CampaignOutcome campaign, ICreatorCatalog catalog, string reportPath, TextWriter output)
    {
        output.WriteLine("Step 8: campaign performance report");
        var clock = campaign.Clock;
        var (maker, delivered, contract) = campaign.Delivered;
        var terms = contract.InForce!.Terms;

        // 1. Who posted: step 6's creator for the contract's fee, and three more US beauty creators for their rate
        //    card's video price (their collaborations ran as step 6's did and are not repeated here).
        var launch = delivered.Deliverable(terms.Deliverables[0].Name).Post!;
        var more = (await catalog.SearchAsync(new CreatorQuery
        {
            Countries = [Country.US],
            ContentLabels = [new ContentLabel("beauty")],
            Tiers = [FollowerTier.Micro, FollowerTier.Mid],
            Excluded = [maker.Id, campaign.Cancelled.Creator.Id],
            Eligibility = new(MarketplacePolicy.TikTokCreatorMarketplace, clock.GetCurrentInstant()),
            Sort = CreatorSort.MedianViews,
            PageSize = Plans.Length - 1,
            IncludeFacets = false,
        })).AsT0.Items;
        List<CampaignPost> posts = [new(maker, delivered.Id, terms.Fee, launch, Plans[0])];
        posts.AddRange(more.Select((creator, i) =>
        {
            var id = $"73015429871{i + 1:00}";
            var post = new PostRecord(id, new Uri($"https://www.tiktok.com/{creator.PrimaryAccount.Handle}/video/{id}"), launch.PostedAt + Duration.FromHours(7 + (22 * i)));
            return new CampaignPost(creator, EntityId.New<CollaborationId>(clock), creator.RateCard?.PriceOf(DeliverableType.Video) ?? terms.Fee, post, Plans[i + 1]);
        }));

        // 2. The platform's numbers every 12 hours for 14 days, into each post's history. A delayed copy of an older
        //    sync is refused, so the numbers never roll back.
        var start = clock.GetCurrentInstant();
        for (var sync = 0; sync < Syncs; sync++)
        {
            clock.AdvanceHours(12);
            foreach (var post in posts.Where(post => post.Published.PostedAt <= clock.GetCurrentInstant()))
            {
                post.History.Add(post.Snapshot(clock.GetCurrentInstant()));
            }
        }

        var end = clock.GetCurrentInstant();
        var weekAgo = end - Duration.FromDays(7);
        var late = posts[0].History.Add(posts[0].Snapshot(start + Duration.FromDays(3)));
        var zone = campaign.BrandZone;
        var summary = new List<string>
        {
            $"Campaign \"Spring glow\": {posts.Count} creators' posts, synced every 12 hours from {Local(start)} to {Local(end)} ({zone.Id}).",
            $"Engagement rate: {Definition}.",
            $"A delayed copy of day 3's sync of {posts[0].Handle}'s post is {(late ? "added" : "refused")}; its history keeps {posts[0].History.Snapshots.Count} snapshots.",
        };

        // 3. Orders through each creator's discount code or tracking link (its utm_content names the collaboration),
        //    one with a code nobody owns, and a return inside the 7-day locking window; locked orders are approved.
        var book = new ConversionBook(Duration.FromDays(7), Currency.USD);
        var shop = new Uri("https://glowlabs.example/serum");
        foreach (var (post, i) in posts.Select((post, i) => (post, i)))
        {
            var code = $"GLOW{i + 1}";
            book.AssignCode(code, post.Collaboration);
            var link = TrackingLink.Build(shop, new UtmParameters("tiktok", "influencer", "spring-glow", Content: post.Collaboration.ToString()));
            for (var k = 0; k < post.Plan.Orders; k++)
            {
                var at = post.Published.PostedAt + Duration.FromHours(5 + (19 * k));
                book.Record($"order-{i + 1}-{k + 1}", at, Money.Parse(k % 3 == 2 ? "USD 79.00" : "USD 42.00"), k % 2 == 0 ? code : null, k % 2 == 0 ? null : link);
            }
        }

        book.Record("order-0-1", launch.PostedAt + Duration.FromHours(30), Money.Parse("USD 42.00"), "WELCOME10");
        book.Reverse($"order-1-{Plans[0].Orders - 1}", "returned unopened", clock).GetValueOrThrow();
        book.ApproveLocked(clock);
        var conversions = book.Conversions.Values.ToList();
        summary.Add($"Orders: {conversions.Count} recorded, {conversions.Count(c => c.MatchedBy == AttributionMatch.Code)} attributed by discount code, {conversions.Count(c => c.MatchedBy == AttributionMatch.Link)} by tracking link, {conversions.Count(c => c.Collaboration is null)} to no creator; "
            + string.Join(", ", ConversionStatus.List.OrderBy(s => s.Value).Select(s => $"{conversions.Count(c => c.Status == s)} {s}")) + ".");
        var reconciled = book.Reconcile();

        // 4. Peers: the account engagement rate of generated creators (a fixed seed, so the same peers every
        //    run), grouped by first content label, follower tier and market.
        var peers = PeerBenchmarks.Of(new CreatorGenerator(seed: 8, clock).Generate(PeerCount).Select(creator => creator.ToListing()), PeerMetric.EngagementRate);
        summary.Add($"Peers: creators with the same first content label, follower tier and market among {PeerCount:N0} generated ones; a peer's engagement rate is the one its account reports.");

        // 5. Every number from the library: the rates over the newest snapshots, costs per result, and the campaign
        //    row from the sums (Definition.Of over all posts is Σengagements ÷ Σviews), never a mean of the rows.
        var rows = posts.Select(post =>
        {
            var line = reconciled.FirstOrDefault(line => line.Collaboration == post.Collaboration);
            var group = PeerGroup.Of(post.Creator);
            var rate = Definition.Of([post.History.Latest!]);
            return new Row(
                post,
                post.History.Growth(m => m.Views, weekAgo, end),
                rate,
                line?.Standing ?? 0,
                line?.StandingValue ?? Money.Zero(Currency.USD),
                group,
                peers.QuartilesOf(group),
                rate.Value is { } value ? peers.PercentileRank(group, value) : null);
        }).ToList();
        var latests = rows.Select(row => row.Latest).ToList();
        var views = SumOrNull(latests.Select(m => m.Views));
        var engagements = SumOrNull(latests.Select(m => m.Engagements));
        var cost = Money.Sum(rows.Select(row => row.Cost), Currency.USD);
        var revenue = Money.Sum(rows.Select(row => row.Revenue), Currency.USD);
        var completion = Ratio.Sum(latests.Select(m => m.CompletionRate));

        var delivery = new ReportTable(
            "Delivery",
            ["creator", "views", "last 7 days", "engagements", $"ER ({Definition.Name})", "completion"],
            [.. rows.Select(row => new[] { row.Handle, Count(row.Latest.Views), Count(row.LastWeek), Count(row.Latest.Engagements), Percent(row.Rate), Percent(row.Latest.CompletionRate) })],
            ["campaign", Count(views), Count(SumOrNull(rows.Select(row => row.LastWeek))), Count(engagements), Percent(Definition.Of(latests)), $"{Percent(completion.Ratio)} ({completion.Covered} of {completion.Total})"]);

        // An organic TikTok post reports plays, not ad impressions, so CPM here is per 1,000 views.
        var costs = new ReportTable(
            "Cost and return",
            ["creator", "cost", "CPM (views)", "CPV", "CPE", "orders", "revenue", "ROAS"],
            [.. rows.Select(row => new[] { row.Handle, row.Cost.ToString(), Unit(row.Cpm, "0.00"), Unit(row.Cpv, "0.0000"), Unit(row.Cpe, "0.000"), Count(row.Orders), row.Revenue.ToString(), Times(row.Roas) })],
            ["campaign", cost.ToString(), Unit(CostMetrics.Cpm(cost, views), "0.00"), Unit(CostMetrics.Cpv(cost, views), "0.0000"), Unit(CostMetrics.Cpe(cost, engagements), "0.000"), Count(rows.Sum(row => row.Orders)), revenue.ToString(), Times(CostMetrics.Roas(revenue, cost))]);

        var benchmark = new ReportTable(
            "Engagement against peers",
            ["creator", "peer group", "peers", "P25", "median", "P75", "ER", "percentile"],
            [.. rows.Select(row => new[]
            {
                row.Handle, row.Group.ToString(), Count(row.Peers?.Count), Percent(row.Peers?.P25), Percent(row.Peers?.P50), Percent(row.Peers?.P75), Percent(row.Rate),
                row.Percentile is { } rank ? rank.ToString("0", Invariant) : "n/a",
            })],
            TextColumns: 2);

        foreach (var line in summary)
        {
            output.WriteLine($"  {line}");
        }

        foreach (var table in new[] { delivery, costs, benchmark })
        {
            output.WriteLine();
            table.Write(output);
        }

        // 6. The HTML file: the same text and tables, and the charts. Step 12 adds its planning to it.
        var report = new CampaignReport(
            Path.GetFullPath(reportPath),
            "Spring glow: campaign performance",
            summary,
            Charts(rows, cost, views, engagements),
            [delivery, costs, benchmark],
            [
                "Campaign rows are ratios of sums (for example total engagements over total views), never averages of the creators' ratios.",
                "n/a: a number that was not reported, or a ratio whose denominator is zero.",
                "CPM is per 1,000 views: an organic TikTok post reports plays, not ad impressions.",
                "Revenue counts pending, approved and paid orders, not reversed ones; ROAS is revenue over cost.",
            ]);
        await report.WriteAsync([]);
        output.WriteLine();
        output.WriteLine($"  Report written to {report.Path}");
        output.WriteLine();
        return report;

        string Local(Instant instant) => instant.InZone(zone).ToString("yyyy-MM-dd HH:mm", Invariant);
    }

    // Creators keep one colour in every chart.
    private static string[] Charts(IReadOnlyList<Row> rows, Money cost, long? views, long? engagements)
    {
        var firstPost = rows.Min(row => row.Post.Published.PostedAt);
        var colours = rows.Select((_, i) => SvgCharts.Colour(i)).ToList();
        var viewsChart = SvgCharts.Lines(
            "views",
            "Views over time",
            "Views of each creator's campaign post as the platform reported them every 12 hours, by days since the campaign's first post.",
            new("days since the first post", day => day.ToString("0.#", Invariant)),
            new("views", SvgCharts.Compact),
            [.. rows.Select((row, i) => new SvgCharts.Series(row.Handle, colours[i], [.. row.Post.History.Snapshots.Select(m =>
            {
                var day = (m.CapturedAt - firstPost).TotalDays;
                return (day, (double?)m.Views, $"day {day.ToString("0.0", Invariant)}: {Count(m.Views)} views");
            })]))]);
        var peersChart = SvgCharts.Ranges(
            "peers",
            "Engagement rate against peers",
            $"Each creator's engagement rate ({Definition.Name}) on the campaign post, against the 25th to 75th percentile and the median of its peer group, with its percentile rank.",
            new($"engagement rate ({Definition.Name})", rate => rate.ToString("0.#%", Invariant)),
            [.. rows.Select((row, i) => new SvgCharts.RangeRow(
                row.Handle,
                colours[i],
                row.Rate.Value,
                row.Peers?.P25,
                row.Peers?.P50,
                row.Peers?.P75,
                row.Percentile is { } rank ? $"percentile {rank.ToString("0", Invariant)}" : "no percentile",
                $"{row.Handle}: {Percent(row.Rate)}; {row.Group}: {Count(row.Peers?.Count)} peers, P25 {Percent(row.Peers?.P25)}, median {Percent(row.Peers?.P50)}, P75 {Percent(row.Peers?.P75)}"))],
            ("peers P25 to P75", "peer median", "campaign post"));
        var costChart = SvgCharts.Bars(
            "cost",
            "Cost per result",
            "Cost per 1,000 views, per view and per engagement, by creator and for the campaign as a whole (total cost over total results).",
            [.. rows.Select((row, i) => (row.Handle, colours[i])), ("campaign", SvgCharts.Grey)],
            [
                new("CPM (per 1,000 views)", new("USD", v => v.ToString("0.##", Invariant)), [.. rows.Select(row => (double?)row.Cpm.Amount), (double?)CostMetrics.Cpm(cost, views).Amount]),
                new("CPV (per view)", new("USD", v => v.ToString("0.####", Invariant)), [.. rows.Select(row => (double?)row.Cpv.Amount), (double?)CostMetrics.Cpv(cost, views).Amount]),
                new("CPE (per engagement)", new("USD", v => v.ToString("0.###", Invariant)), [.. rows.Select(row => (double?)row.Cpe.Amount), (double?)CostMetrics.Cpe(cost, engagements).Amount]),
            ]);
        return [viewsChart, peersChart, costChart];
    }

    // A total is unknown when any of its parts is: missing is not zero.
    private static long? SumOrNull(IEnumerable<long?> values) =>
        values.Aggregate((long?)0, (sum, value) => sum + value);

    private static string Count(long? count) => count is { } known ? known.ToString("N0", Invariant) : "n/a";

    private static string Percent(Ratio ratio) => Percent(ratio.Value);

    private static string Percent(double? fraction) => fraction is { } known ? known.ToString("0.00%", Invariant) : "n/a";

    private static string Times(Ratio ratio) => ratio.Value is { } known ? known.ToString("0.00", Invariant) + "x" : "n/a";

    private static string Unit(UnitCost cost, string format) => cost.Amount is { } amount ? $"{cost.Currency.Code} {amount.ToString(format, Invariant)}" : "n/a";

    private sealed record PostPlan(long Views, int HalfLifeHours, int Likes, int Comments, int Shares, int? Completed, int Orders);

    private sealed record CampaignPost(CreatorListing Creator, CollaborationId Collaboration, Money Fee, PostRecord Published, PostPlan Plan)
    {
        public string Handle => Creator.PrimaryAccount.Handle.ToString();

        public PostMetricsHistory History { get; } = new(Published.PostId);

        // Views rise towards the plan's total, half of it after HalfLifeHours; the rest follow per 1,000 views.
        public PostMetrics Snapshot(Instant at)
        {
            var hours = (long)(at - Published.PostedAt).TotalHours;
            var views = Plan.Views * hours / (hours + Plan.HalfLifeHours);
            return new PostMetrics
            {
                PostId = Published.PostId,
                Platform = Platform.TikTok,
                Kind = PostKind.Video,
                PostedAt = Published.PostedAt,
                CapturedAt = at,
                Followers = Creator.PrimaryAccount.Stats.Followers,
                Views = views,
                Likes = views * Plan.Likes / 1_000,
                Comments = views * Plan.Comments / 1_000,
                Shares = views * Plan.Shares / 1_000,
                CompletedViews = views * Plan.Completed / 1_000,
            };
        }
    }

    private sealed record Row(CampaignPost Post, long? LastWeek, Ratio Rate, int Orders, Money Revenue, PeerGroup Group, Quartiles? Peers, double? Percentile)
    {
        public string Handle => Post.Handle;

        public PostMetrics Latest => Post.History.Latest!;

        public Money Cost => Post.Fee;

        public UnitCost Cpm => CostMetrics.Cpm(Cost, Latest.Views);

        public UnitCost Cpv => CostMetrics.Cpv(Cost, Latest.Views);

        public UnitCost Cpe => CostMetrics.Cpe(Cost, Latest.Engagements);

        public Ratio Roas => CostMetrics.Roas(Revenue, Cost);
    }
}

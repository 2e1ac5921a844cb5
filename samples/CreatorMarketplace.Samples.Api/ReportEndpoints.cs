using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// The campaign report: the platform's numbers of each post, recorded as they are synced, and the workflow sample's
/// delivery and cost tables from them, the campaign row a ratio of sums, never a mean of the creators' ratios.
/// </summary>
internal static class ReportEndpoints
{
    private static readonly EngagementRate Definition = EngagementRate.TikTokReport;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/collaborations/{id}/metrics", RecordMetricsAsync).WithTags("Collaborations").WithSummary("Records the platform's numbers of the collaboration's post, as synced now.");
        app.MapGet("/campaigns/{id}/report", ReportAsync).WithTags("Campaigns").WithSummary("The campaign's delivery and cost per creator and for the campaign.");
        return app;
    }

    private static Task<IResult> RecordMetricsAsync(
        CollaborationId id,
        PostNumbers request,
        IRepository<Collaboration, CollaborationId> collaborations,
        IPostMetricsStore metrics,
        IClock clock,
        CancellationToken cancellationToken) =>
        collaborations.WithAsync(
            id,
            async collaboration =>
            {
                if (collaboration.Deliverables.FirstOrDefault()?.Post is not { } post)
                {
                    return ((CommandResult)new NotAllowed("record metrics", collaboration.Status.Name, "the collaboration has no post yet.")).ToHttpResult();
                }

                await metrics.AddAsync(request.Of(post, clock.GetCurrentInstant()), cancellationToken);
                return TypedResults.NoContent();
            },
            cancellationToken);

    private static Task<IResult> ReportAsync(
        CampaignId id,
        IRepository<Campaign, CampaignId> campaigns,
        IRepository<Collaboration, CollaborationId> collaborations,
        IPostMetricsStore metrics,
        CancellationToken cancellationToken) =>
        campaigns.WithAsync(id, campaign => BuildReportAsync(campaign, collaborations, metrics, cancellationToken), cancellationToken);

    private static async Task<IResult> BuildReportAsync(Campaign campaign, IRepository<Collaboration, CollaborationId> collaborations, IPostMetricsStore metrics, CancellationToken cancellationToken)
    {
        // A sample's campaign has a handful of collaborations; an application would index them by campaign.
        var rows = new List<(Collaboration Collaboration, Money Cost, PostMetrics Latest)>();
        await foreach (var stored in collaborations.ReadAsync(cancellationToken: cancellationToken))
        {
            var collaboration = stored.Aggregate;
            if (collaboration.Campaign == campaign.Id
                && collaboration.AgreedOffer is { } agreed
                && collaboration.Deliverables.FirstOrDefault()?.Post is { } post
                && (await metrics.HistoryAsync(Platform.TikTok, post.PostId, cancellationToken)).MaxBy(m => m.CapturedAt) is { } latest)
            {
                rows.Add((collaboration, agreed.Terms.Price, latest));
            }
        }

        var currency = campaign.Plan.Budget.Currency;
        return TypedResults.Ok(new CampaignReport(
            campaign.Id,
            campaign.Plan.Name,
            Definition.Name,
            [.. rows.Select(row => ReportRow.Of(row.Collaboration.Id, row.Collaboration.Creator, row.Cost, [row.Latest]))],
            ReportRow.Of(null, null, Money.Sum(rows.Select(row => row.Cost), currency), [.. rows.Select(row => row.Latest)])));
    }

    /// <summary>The report: one row per creator who posted, and the campaign's.</summary>
    internal sealed record CampaignReport(CampaignId Campaign, string Name, string EngagementRate, IReadOnlyList<ReportRow> Creators, ReportRow Total);

    /// <summary>A row of the report: cost, the newest numbers, the engagement rate and the costs per result.</summary>
    internal sealed record ReportRow(CollaborationId? Collaboration, CreatorId? Creator, Money Cost, long? Views, long? Engagements, double? EngagementRate, decimal? Cpm, decimal? Cpv, decimal? Cpe)
    {
        // Over several posts the sums are divided, so the campaign row weighs each post by its views.
        public static ReportRow Of(CollaborationId? collaboration, CreatorId? creator, Money cost, IReadOnlyList<PostMetrics> latest)
        {
            var views = Sum(latest.Select(m => m.Views));
            var engagements = Sum(latest.Select(m => m.Engagements));
            return new ReportRow(
                collaboration,
                creator,
                cost,
                views,
                engagements,
                Definition.Of(latest).Value,
                CostMetrics.Cpm(cost, views).Amount,
                CostMetrics.Cpv(cost, views).Amount,
                CostMetrics.Cpe(cost, engagements).Amount);
        }

        private static long? Sum(IEnumerable<long?> values) => values.Aggregate((long?)0, (sum, value) => sum + value);
    }
}

/// <summary>The platform's numbers of a post, as synced.</summary>
/// <param name="Views">Views.</param>
/// <param name="Likes">Likes.</param>
/// <param name="Comments">Comments.</param>
/// <param name="Shares">Shares.</param>
internal sealed record PostNumbers(long? Views, long? Likes, long? Comments, long? Shares)
{
    /// <summary>The numbers as a snapshot of the post, captured at <paramref name="capturedAt"/>.</summary>
    public PostMetrics Of(PostRecord post, Instant capturedAt) => new()
    {
        PostId = post.PostId,
        Platform = Platform.TikTok,
        Kind = PostKind.Video,
        PostedAt = post.PostedAt,
        CapturedAt = capturedAt,
        Views = Views,
        Likes = Likes,
        Comments = Comments,
        Shares = Shares,
    };
}

using Ardalis.SmartEnum;
using NodaTime;

namespace CreatorMarketplace.Metrics;

/// <summary>The kind of post, which decides how its earned media value is computed.</summary>
public sealed class PostKind : SmartEnum<PostKind, int>
{
    /// <summary>A video post.</summary>
    public static readonly PostKind Video = new(nameof(Video), 1);

    /// <summary>A static image or carousel post.</summary>
    public static readonly PostKind Static = new(nameof(Static), 2);

    /// <summary>A story.</summary>
    public static readonly PostKind Story = new(nameof(Story), 3);

    private PostKind(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>Where a post's views came from (TikTok's traffic sources).</summary>
public sealed class TrafficSource : SmartEnum<TrafficSource, int>
{
    /// <summary>The For You feed.</summary>
    public static readonly TrafficSource ForYou = new(nameof(ForYou), 1);

    /// <summary>The creator's profile.</summary>
    public static readonly TrafficSource Profile = new(nameof(Profile), 2);

    /// <summary>The Following feed.</summary>
    public static readonly TrafficSource Following = new(nameof(Following), 3);

    /// <summary>Search.</summary>
    public static readonly TrafficSource Search = new(nameof(Search), 4);

    /// <summary>A sound's page.</summary>
    public static readonly TrafficSource Sound = new(nameof(Sound), 5);

    /// <summary>Paid promotion.</summary>
    public static readonly TrafficSource Paid = new(nameof(Paid), 6);

    /// <summary>Anything else.</summary>
    public static readonly TrafficSource Other = new(nameof(Other), 7);

    private TrafficSource(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A post's advertising numbers, when it ran as an ad.</summary>
/// <param name="Impressions">Ad impressions.</param>
/// <param name="Clicks">Clicks.</param>
/// <param name="Conversions">Conversions.</param>
/// <param name="Spend">What the ads cost.</param>
/// <param name="Revenue">The revenue attributed to them.</param>
public sealed record AdMetrics(long? Impressions, long? Clicks, long? Conversions, Money? Spend, Money? Revenue);

/// <summary>
/// A post's numbers as a platform reported them at one instant. Every number is optional: a platform returns
/// nothing while its data is delayed, and missing is not zero, so an absent number stays absent through every
/// calculation.
/// </summary>
public sealed record PostMetrics
{
    /// <summary>The platform's id of the post.</summary>
    public required string PostId { get; init; }

    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The kind of post.</summary>
    public required PostKind Kind { get; init; }

    /// <summary>When the post went live.</summary>
    public required Instant PostedAt { get; init; }

    /// <summary>When these numbers were captured.</summary>
    public required Instant CapturedAt { get; init; }

    /// <summary>The account's followers when captured.</summary>
    public long? Followers { get; init; }

    /// <summary>Plays.</summary>
    public long? Views { get; init; }

    /// <summary>Likes.</summary>
    public long? Likes { get; init; }

    /// <summary>Comments.</summary>
    public long? Comments { get; init; }

    /// <summary>Shares.</summary>
    public long? Shares { get; init; }

    /// <summary>Favourites or saves.</summary>
    public long? Saves { get; init; }

    /// <summary>Unique accounts reached.</summary>
    public long? Reach { get; init; }

    /// <summary>The average time a play lasted.</summary>
    public Duration? AverageViewTime { get; init; }

    /// <summary>Plays watched to the end.</summary>
    public long? CompletedViews { get; init; }

    /// <summary>Plays of at least 2 seconds.</summary>
    public long? TwoSecondViews { get; init; }

    /// <summary>Plays of at least 6 seconds.</summary>
    public long? SixSecondViews { get; init; }

    /// <summary>Plays by traffic source.</summary>
    public IReadOnlyDictionary<TrafficSource, long>? ViewsBySource { get; init; }

    /// <summary>Unpaid plays.</summary>
    public long? OrganicViews { get; init; }

    /// <summary>Paid plays.</summary>
    public long? PaidViews { get; init; }

    /// <summary>Advertising numbers, when the post ran as an ad.</summary>
    public AdMetrics? Ads { get; init; }

    /// <summary>Likes + comments + shares; null unless all three were reported.</summary>
    /// <exception cref="OverflowException">The three add up to more than 64 bits hold, which <see cref="Validate"/> refuses.</exception>
    public long? Engagements => Likes is { } likes && Comments is { } comments && Shares is { } shares ? likes + comments + shares : null;

    /// <summary>Completed plays ÷ plays.</summary>
    public Ratio CompletionRate => Ratio.Of(CompletedViews, Views);

    /// <summary>Names every problem: negative counts, parts larger than their whole, a capture before the post.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        return ValidateCore();
    }

    /// <summary>Throws when the snapshot breaks a rule, naming every problem; for stores, which refuse such snapshots.</summary>
    /// <exception cref="DomainValidationException">The snapshot breaks a rule.</exception>
    public void ThrowIfInvalid()
    {
        var errors = ValidateCore();
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors, "snapshot");
        }
    }

    private IReadOnlyList<DomainError> ValidateCore()
    {
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(PostId), nameof(PostId), "metrics.post_missing", "a snapshot names its post.");
        errors.RequireText(TextRule.SingleLine, PostId, nameof(PostId));
        errors.Require(Platform is not null && Kind is not null, nameof(Platform), "metrics.null", "a snapshot names its platform and kind.");
        errors.Require(CapturedAt >= PostedAt, nameof(CapturedAt), "metrics.captured_before_posting", $"numbers cannot be captured ({CapturedAt}) before the post went live ({PostedAt}).");
        foreach (var (field, value) in new (string, long?)[]
        {
            (nameof(Followers), Followers), (nameof(Views), Views), (nameof(Likes), Likes), (nameof(Comments), Comments), (nameof(Shares), Shares),
            (nameof(Saves), Saves), (nameof(Reach), Reach), (nameof(CompletedViews), CompletedViews), (nameof(TwoSecondViews), TwoSecondViews),
            (nameof(SixSecondViews), SixSecondViews), (nameof(OrganicViews), OrganicViews), (nameof(PaidViews), PaidViews),
        })
        {
            errors.Require(value is null or >= 0, field, "metrics.negative", $"a count is never negative, got {value}.");
        }

        if (ViewsBySource is { } bySource)
        {
            foreach (var (source, count) in bySource)
            {
                errors.Require(count >= 0, $"{nameof(ViewsBySource)}[{source}]", "metrics.negative", $"a count is never negative, got {count}.");
            }
        }

        foreach (var (field, value) in new (string, long?)[] { (nameof(AdMetrics.Impressions), Ads?.Impressions), (nameof(AdMetrics.Clicks), Ads?.Clicks), (nameof(AdMetrics.Conversions), Ads?.Conversions) })
        {
            errors.Require(value is null or >= 0, $"{nameof(Ads)}.{field}", "metrics.negative", $"a count is never negative, got {value}.");
        }

        errors.Require(
            Likes is not >= 0 || Comments is not >= 0 || Shares is not >= 0 || (Int128)Likes.Value + Comments.Value + Shares.Value <= long.MaxValue,
            nameof(Engagements),
            "metrics.engagements_too_large",
            $"likes, comments and shares add up to more than {long.MaxValue}.");
        foreach (var (field, part) in new (string, long?)[]
        {
            (nameof(CompletedViews), CompletedViews), (nameof(TwoSecondViews), TwoSecondViews), (nameof(SixSecondViews), SixSecondViews),
            (nameof(OrganicViews), OrganicViews), (nameof(PaidViews), PaidViews),
        })
        {
            errors.Require(part is null || Views is null || part <= Views, field, "metrics.part_exceeds_views", $"{part} is more than the {Views} plays.");
        }

        errors.Require(SixSecondViews is null || TwoSecondViews is null || SixSecondViews <= TwoSecondViews, nameof(SixSecondViews), "metrics.part_exceeds_views", "6-second plays cannot outnumber 2-second plays.");
        errors.Require(AverageViewTime is null || AverageViewTime >= Duration.Zero, nameof(AverageViewTime), "metrics.negative", "an average view time is never negative.");
        return errors.Errors;
    }
}

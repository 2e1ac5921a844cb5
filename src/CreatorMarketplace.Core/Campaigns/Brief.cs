using NodaTime;

namespace CreatorMarketplace.Campaigns;

/// <summary>A deliverable a brief or an offer asks for: what, where, how many, and the day it is due.</summary>
/// <param name="Type">The kind of content.</param>
/// <param name="Platform">Where it is posted.</param>
/// <param name="Quantity">How many; at least 1.</param>
/// <param name="Due">The day it is due, in the campaign's zone.</param>
public sealed record BriefDeliverable(DeliverableType Type, Platform Platform, int Quantity, LocalDate Due)
{
    /// <summary>Formats the deliverable, for example <c>"2 × ShortVideo on TikTok, due 2027-01-15"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Quantity} × {Type} on {Platform}, due {CampaignTimeline.Format(Due)}";
}

/// <summary>
/// What a campaign asks of its creators: objectives, key messages, creative guidelines, do's and don'ts, the
/// mandatory disclosure, hashtags and mentions, deliverables and references. <see cref="Validate"/> names what
/// makes a brief unusable; <see cref="Gaps"/> lists what a good brief still lacks.
/// </summary>
public sealed record Brief
{
    /// <summary>The most deliverables (counting quantities) one order may hold, as on TikTok's marketplace.</summary>
    public const int MaxDeliverablesPerOrder = 10;

    /// <summary>What the content should achieve.</summary>
    public IReadOnlyList<string> Objectives { get; init; } = [];

    /// <summary>The messages the content must carry.</summary>
    public IReadOnlyList<string> KeyMessages { get; init; } = [];

    /// <summary>Tone, format and style guidance.</summary>
    public string CreativeGuidelines { get; init; } = "";

    /// <summary>What creators should do.</summary>
    public IReadOnlyList<string> Dos { get; init; } = [];

    /// <summary>What creators must not do.</summary>
    public IReadOnlyList<string> Donts { get; init; } = [];

    /// <summary>The disclosure hashtags every post must carry, without '#' (for example <c>ad</c>); at least one.</summary>
    public IReadOnlyList<string> MandatoryDisclosure { get; init; } = [];

    /// <summary>Hashtags to use, without '#'.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Accounts to mention, with '@'.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>What each creator delivers; at least one, at most <see cref="MaxDeliverablesPerOrder"/> in all.</summary>
    public IReadOnlyList<BriefDeliverable> Deliverables { get; init; } = [];

    /// <summary>Links to examples, mood boards and brand assets.</summary>
    public IReadOnlyList<Uri> References { get; init; } = [];

    /// <summary>Names every problem that makes the brief unusable for a campaign's timeline.</summary>
    /// <param name="timeline">The campaign's timeline; every deliverable must be due inside it.</param>
    /// <returns>The problems, with paths such as <c>Deliverables[1].Due</c>; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate(CampaignTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var errors = new ErrorCollector();
        foreach (var (field, items) in new (string, IReadOnlyList<object>?)[]
        {
            (nameof(Objectives), Objectives), (nameof(KeyMessages), KeyMessages), (nameof(Dos), Dos), (nameof(Donts), Donts),
            (nameof(MandatoryDisclosure), MandatoryDisclosure), (nameof(Hashtags), Hashtags), (nameof(Mentions), Mentions),
            (nameof(Deliverables), Deliverables), (nameof(References), References),
        })
        {
            errors.Require(items is not null && items.All(item => item is not null and not ""), field, "brief.null", "the list may be empty but not null, and holds no null or empty entry.");
        }

        errors.Require(CreativeGuidelines is not null, nameof(CreativeGuidelines), "brief.null", "the creative guidelines may be empty but not null.");
        if (errors.HasErrors)
        {
            return errors.Errors;
        }

        errors.Require(MandatoryDisclosure.Count > 0, nameof(MandatoryDisclosure), "brief.disclosure_missing", "a brief names the disclosure every post must carry (for example #ad).");
        errors.Require(MandatoryDisclosure.Concat(Hashtags).All(tag => !tag.StartsWith('#')), nameof(Hashtags), "brief.hashtag_format", "hashtags are written without '#'.");
        errors.Require(Mentions.All(mention => mention.StartsWith('@') && mention.Length > 1), nameof(Mentions), "brief.mention_format", "mentions are written with '@', for example @glowlabs.");
        if (errors.Require(Deliverables.Count > 0, nameof(Deliverables), "brief.deliverables_missing", "a brief asks for at least one deliverable."))
        {
            var total = Deliverables.Sum(deliverable => (long)deliverable.Quantity);
            errors.Require(total <= MaxDeliverablesPerOrder, nameof(Deliverables), "brief.too_many_deliverables", $"an order holds at most {MaxDeliverablesPerOrder} deliverables, the brief asks for {total}.");
            for (var i = 0; i < Deliverables.Count; i++)
            {
                var deliverable = Deliverables[i];
                var at = errors.At($"{nameof(Deliverables)}[{i}]");
                at.Require(deliverable.Type is not null, nameof(BriefDeliverable.Type), "brief.null", "a deliverable names its type.");
                at.Require(deliverable.Platform is not null, nameof(BriefDeliverable.Platform), "brief.null", "a deliverable names its platform.");
                at.Require(deliverable.Quantity >= 1, nameof(BriefDeliverable.Quantity), "brief.out_of_range", $"a deliverable's quantity is at least 1, got {deliverable.Quantity}.");
                at.Require(timeline.Contains(deliverable.Due), nameof(BriefDeliverable.Due), "brief.due_outside_timeline", $"due {CampaignTimeline.Format(deliverable.Due)}, outside the campaign's timeline {timeline}.");
            }
        }

        return errors.Errors;
    }

    /// <summary>What a good brief still lacks, as advice; a valid brief may still have gaps.</summary>
    /// <returns>The gaps, each naming the field; empty when nothing is missing.</returns>
    public IReadOnlyList<BriefGap> Gaps()
    {
        var gaps = new List<BriefGap>();
        void Lacks(bool missing, string field, string advice)
        {
            if (missing)
            {
                gaps.Add(new(field, advice));
            }
        }

        Lacks(Objectives is not { Count: > 0 }, nameof(Objectives), "say what the content should achieve, so creators can choose how.");
        Lacks(KeyMessages is not { Count: > 0 }, nameof(KeyMessages), "give the one to three messages every post must carry.");
        Lacks(string.IsNullOrWhiteSpace(CreativeGuidelines), nameof(CreativeGuidelines), "describe tone, format and length.");
        Lacks(Dos is not { Count: > 0 }, nameof(Dos), "list what creators should do (show the product in use, say the offer).");
        Lacks(Donts is not { Count: > 0 }, nameof(Donts), "list what creators must not do (claims, competitors, unsafe use).");
        Lacks(Hashtags is not { Count: > 0 } && Mentions is not { Count: > 0 }, nameof(Hashtags), "give the campaign hashtag or the brand account to mention.");
        Lacks(References is not { Count: > 0 }, nameof(References), "link examples or brand assets.");
        return gaps;
    }
}

/// <summary>Something a good brief still lacks.</summary>
/// <param name="Field">The brief's field.</param>
/// <param name="Advice">What to add.</param>
public sealed record BriefGap(string Field, string Advice)
{
    /// <summary>Formats the gap, for example <c>"Donts: list what creators must not do …"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Advice}";
}

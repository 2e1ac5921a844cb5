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

    // An order's deliverables, whether a brief or an offer asks for them: at least one, each of a type, on a platform,
    // at least once, and at most Brief.MaxDeliverablesPerOrder in all. Each problem is named by its index
    // (Deliverables[1].Type) with a code of the area asking (brief.null, offer.null); `more` adds the area's own rules
    // for each. The list and its entries are not null.
    internal static void CheckOrder(ErrorCollector errors, string area, IReadOnlyList<BriefDeliverable> deliverables, string missing, Action<ErrorCollector, BriefDeliverable>? more = null)
    {
        const string Field = nameof(Brief.Deliverables);
        if (!errors.Require(deliverables.Count > 0, Field, $"{area}.deliverables_missing", missing))
        {
            return;
        }

        var total = deliverables.Sum(deliverable => (long)deliverable.Quantity);
        errors.Require(total <= Brief.MaxDeliverablesPerOrder, Field, $"{area}.too_many_deliverables", $"an order holds at most {Brief.MaxDeliverablesPerOrder} deliverables, the {area} asks for {total}.");
        for (var i = 0; i < deliverables.Count; i++)
        {
            var deliverable = deliverables[i];
            var at = errors.At($"{Field}[{i}]");
            at.Require(deliverable.Type is not null, nameof(Type), $"{area}.null", "a deliverable names its type.");
            at.Require(deliverable.Platform is not null, nameof(Platform), $"{area}.null", "a deliverable names its platform.");
            at.Require(deliverable.Quantity >= 1, nameof(Quantity), $"{area}.out_of_range", $"a deliverable's quantity is at least 1, got {deliverable.Quantity}.");
            more?.Invoke(at, deliverable);
        }
    }
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

    /// <summary>
    /// The disclosure hashtags every post must carry, at least one, each written with or without '#' (<c>#ad</c> or
    /// <c>ad</c>) and spelled as <see cref="Compliance.DisclosureRules"/> spells them: letters, digits or '_'.
    /// </summary>
    public IReadOnlyList<string> MandatoryDisclosure { get; init; } = [];

    /// <summary>Hashtags to use, each written with or without '#', of letters, digits or '_'.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Accounts to mention, with '@'.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>What each creator delivers; at least one, at most <see cref="MaxDeliverablesPerOrder"/> in all.</summary>
    public IReadOnlyList<BriefDeliverable> Deliverables { get; init; } = [];

    /// <summary>Links to examples, mood boards and brand assets.</summary>
    public IReadOnlyList<Uri> References { get; init; } = [];

    /// <summary>Names every problem that makes the brief unusable for a campaign's timeline.</summary>
    /// <param name="timeline">The campaign's timeline; every deliverable must be due inside it.</param>
    /// <returns>
    /// The problems, each naming the member at fault with its index, such as <c>Hashtags[2]</c> or
    /// <c>Deliverables[1].Due</c>; empty when valid.
    /// </returns>
    public IReadOnlyList<DomainError> Validate(CampaignTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var errors = new ErrorCollector();
        var texts = new (string Field, IReadOnlyList<string> Items, TextRule Rule)[]
        {
            (nameof(Objectives), Objectives, TextRule.MultiLine), (nameof(KeyMessages), KeyMessages, TextRule.MultiLine),
            (nameof(Dos), Dos, TextRule.MultiLine), (nameof(Donts), Donts, TextRule.MultiLine),
            (nameof(MandatoryDisclosure), MandatoryDisclosure, TextRule.SingleLine), (nameof(Hashtags), Hashtags, TextRule.SingleLine),
            (nameof(Mentions), Mentions, TextRule.SingleLine),
        };
        foreach (var (field, items, rule) in texts)
        {
            if (RequireList(errors, field, items))
            {
                errors.RequireTexts(rule, items, field);
            }
        }

        RequireList(errors, nameof(Deliverables), Deliverables);
        RequireList(errors, nameof(References), References);
        if (errors.Require(CreativeGuidelines is not null, nameof(CreativeGuidelines), "brief.null", "the creative guidelines may be empty but not null."))
        {
            errors.RequireText(TextRule.MultiLine, CreativeGuidelines, nameof(CreativeGuidelines));
        }

        if (errors.HasErrors)
        {
            return errors.Errors;
        }

        errors.Require(MandatoryDisclosure.Count > 0, nameof(MandatoryDisclosure), "brief.disclosure_missing", "a brief names the disclosure every post must carry (for example #ad).");
        RequireHashtags(errors, nameof(MandatoryDisclosure), MandatoryDisclosure);
        RequireHashtags(errors, nameof(Hashtags), Hashtags);
        for (var i = 0; i < Mentions.Count; i++)
        {
            errors.Require(Mentions[i].StartsWith('@') && Mentions[i].Length > 1, $"{nameof(Mentions)}[{i}]", "brief.mention_format", "mentions are written with '@', for example @glowlabs.");
        }

        BriefDeliverable.CheckOrder(errors, "brief", Deliverables, "a brief asks for at least one deliverable.", (at, deliverable) =>
            at.Require(timeline.Contains(deliverable.Due), nameof(BriefDeliverable.Due), "brief.due_outside_timeline", $"due {CampaignTimeline.Format(deliverable.Due)}, outside the campaign's timeline {timeline}."));
        return errors.Errors;
    }

    // The brief with every list copied, so that a campaign holds its own (as ContractTerms.Frozen does): a caller
    // changing an array it passed in cannot change the brief creators read. Only for briefs that passed Validate.
    internal Brief Frozen() => this with
    {
        Objectives = [.. Objectives],
        KeyMessages = [.. KeyMessages],
        Dos = [.. Dos],
        Donts = [.. Donts],
        MandatoryDisclosure = [.. MandatoryDisclosure],
        Hashtags = [.. Hashtags],
        Mentions = [.. Mentions],
        Deliverables = [.. Deliverables],
        References = [.. References],
    };

    // A list may be empty but not null, and holds no null or empty entry; each bad entry is named by its index.
    private static bool RequireList<T>(ErrorCollector errors, string field, IReadOnlyList<T>? items)
        where T : class
    {
        if (!errors.Require(items is not null, field, "brief.null", "the list may be empty but not null."))
        {
            return false;
        }

        var held = true;
        for (var i = 0; i < items!.Count; i++)
        {
            held &= errors.Require(items[i] is not null and not "", $"{field}[{i}]", "brief.null", "a list holds no null or empty entry.");
        }

        return held;
    }

    // Spelled as the disclosure rules spell a hashtag: letters, digits or '_', with or without the leading '#'.
    private static void RequireHashtags(ErrorCollector errors, string field, IReadOnlyList<string> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            var word = tags[i].StartsWith('#') ? tags[i][1..] : tags[i];
            errors.Require(
                word.Length > 0 && word.All(CreatorMarketplace.Compliance.Hashtags.IsTagCharacter),
                $"{field}[{i}]",
                "brief.hashtag_format",
                "a hashtag is one word of letters, digits or '_', written with or without '#' (for example #ad or ad).");
        }
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

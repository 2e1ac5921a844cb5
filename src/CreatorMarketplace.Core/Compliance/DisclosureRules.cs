using System.Globalization;
namespace CreatorMarketplace.Compliance;

/// <summary>
/// How a paid post must be disclosed in one jurisdiction: the caption hashtags that count (any one of them), and
/// whether the platform's branded-content (paid partnership) flag counts on its own.
/// </summary>
/// <param name="Hashtags">The accepted hashtags without '#', for example <c>ad</c>; compared ignoring case and accents.</param>
/// <param name="FlagSuffices">Whether the platform's branded-content flag alone discloses the post.</param>
public sealed record DisclosureRule(IReadOnlyList<string> Hashtags, bool FlagSuffices)
{
    /// <inheritdoc />
    public bool Equals(DisclosureRule? other) => other is not null && FlagSuffices == other.FlagSuffices && Hashtags.SequenceEqual(other.Hashtags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Hashtags.Count, FlagSuffices);
}

/// <summary>What a post lacks to be disclosed in one jurisdiction.</summary>
/// <param name="Jurisdiction">The country whose rule is not met.</param>
/// <param name="AcceptedHashtags">The hashtags, any one of which would disclose the post there.</param>
/// <param name="FlagWouldSuffice">Whether turning on the platform's branded-content flag would be enough instead.</param>
public sealed record MissingDisclosure(Country Jurisdiction, IReadOnlyList<string> AcceptedHashtags, bool FlagWouldSuffice)
{
    /// <summary>Formats what is missing, for example <c>"GB: add one of #ad, #advert, #advertisement (the branded-content flag alone is not enough there)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Jurisdiction.Code}: add one of {string.Join(", ", AcceptedHashtags.Select(tag => "#" + tag))}"
        + (FlagWouldSuffice ? " or turn on the branded-content flag" : " (the branded-content flag alone is not enough there)");
}

/// <summary>The result of a disclosure check: what the post is missing, jurisdiction by jurisdiction.</summary>
/// <param name="Missing">What is missing; empty when the post is disclosed everywhere checked.</param>
public sealed record DisclosureResult(IReadOnlyList<MissingDisclosure> Missing)
{
    /// <summary>Whether the post is disclosed in every jurisdiction checked.</summary>
    public bool IsDisclosed => Missing.Count == 0;

    /// <summary>Formats the result: <c>"disclosed"</c> or what is missing, one jurisdiction per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisclosed ? "disclosed" : string.Join(Environment.NewLine, Missing);
}

/// <summary>
/// Disclosure rules per jurisdiction, held as data: which caption hashtags disclose a paid post, and whether the
/// platform's branded-content flag is enough. <see cref="Default"/> is the library's reading of published
/// guidance; replace any jurisdiction's rule with <see cref="With"/>.
/// </summary>
public sealed class DisclosureRules
{
    private readonly Dictionary<Country, DisclosureRule> _rules;

    private DisclosureRules(Dictionary<Country, DisclosureRule> rules, DisclosureRule fallback)
    {
        _rules = rules;
        Fallback = fallback;
    }

    /// <summary>
    /// The default rules. United States (FTC, "Disclosures 101 for Social Media Influencers"): #ad, #sponsored or
    /// #advertisement, and a platform tool alone is not relied on. United Kingdom (CMA and ASA influencer guidance):
    /// #ad, #advert or #advertisement, and the platform tool alone is not relied on. Germany: #werbung or #anzeige.
    /// France (law 2023-451): #publicite or #collaborationcommerciale. Spain (2020 code of conduct on influencer
    /// advertising): #publi, #publicidad or #patrocinado. Italy (IAP Digital Chart): #adv, #advertising,
    /// #pubblicita or #sponsorizzato. Netherlands (Reclamecode Social Media): #ad, #advertentie, #reclame or
    /// #sponsored. Elsewhere: #ad, #sponsored or #advertisement, or the platform's flag.
    /// </summary>
    public static DisclosureRules Default { get; } = new(
        new()
        {
            [Country.US] = new(["ad", "sponsored", "advertisement"], FlagSuffices: false),
            [Country.GB] = new(["ad", "advert", "advertisement"], FlagSuffices: false),
            [Country.DE] = new(["werbung", "anzeige"], FlagSuffices: true),
            [Country.FR] = new(["publicite", "collaborationcommerciale"], FlagSuffices: true),
            [Country.ES] = new(["publi", "publicidad", "patrocinado"], FlagSuffices: true),
            [Country.IT] = new(["adv", "advertising", "pubblicita", "sponsorizzato"], FlagSuffices: true),
            [Country.NL] = new(["ad", "advertentie", "reclame", "sponsored"], FlagSuffices: true),
        },
        new(["ad", "sponsored", "advertisement"], FlagSuffices: true));

    /// <summary>The rule for jurisdictions without one of their own.</summary>
    public DisclosureRule Fallback { get; }

    /// <summary>The jurisdictions with a rule of their own.</summary>
    public IReadOnlyCollection<Country> Jurisdictions => _rules.Keys;

    /// <summary>The rule that applies in a jurisdiction.</summary>
    /// <param name="jurisdiction">The country.</param>
    /// <returns>Its own rule, or <see cref="Fallback"/>.</returns>
    public DisclosureRule For(Country jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        return _rules.GetValueOrDefault(jurisdiction, Fallback);
    }

    /// <summary>These rules with one jurisdiction's rule replaced or added.</summary>
    /// <param name="jurisdiction">The country.</param>
    /// <param name="rule">Its rule: at least one hashtag of letters, digits or '_' (no '#').</param>
    /// <returns>The new rules; these are unchanged.</returns>
    /// <exception cref="ArgumentException">The rule has no hashtag, or one that is blank or not a single hashtag word.</exception>
    public DisclosureRules With(Country jurisdiction, DisclosureRule rule)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Hashtags is not { Count: > 0 } || rule.Hashtags.Any(tag => string.IsNullOrEmpty(tag) || !tag.All(Hashtags.IsTagCharacter)))
        {
            throw DomainValidationException.Of(nameof(rule), "disclosure.hashtags_invalid", "a disclosure rule lists at least one hashtag, each of letters, digits or '_' and without '#'.", $"{nameof(rule)}.{nameof(DisclosureRule.Hashtags)}");
        }

        return new(new(_rules) { [jurisdiction] = rule }, Fallback);
    }

    /// <summary>Checks a post's disclosure in the given jurisdictions.</summary>
    /// <param name="caption">The post's caption.</param>
    /// <param name="brandedContentFlag">Whether the platform's branded-content (paid partnership) flag is on.</param>
    /// <param name="jurisdictions">Where the post must be disclosed.</param>
    /// <returns>What is missing, per jurisdiction, in the order given.</returns>
    public DisclosureResult Check(string caption, bool brandedContentFlag, IEnumerable<Country> jurisdictions)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(jurisdictions);
        var found = Hashtags.Of(caption);
        var missing = new List<MissingDisclosure>();
        foreach (var jurisdiction in jurisdictions.Distinct())
        {
            var rule = For(jurisdiction);
            var disclosed = (brandedContentFlag && rule.FlagSuffices) || rule.Hashtags.Any(tag => found.Contains(KeywordText.Fold(tag)));
            if (!disclosed)
            {
                missing.Add(new(jurisdiction, rule.Hashtags, rule.FlagSuffices));
            }
        }

        return new(missing);
    }
}

/// <summary>A contract's duty to disclose its posts as advertising, in the jurisdictions where they are seen.</summary>
/// <param name="Jurisdictions">The countries whose disclosure rules apply; none when there is no duty.</param>
public sealed record DisclosureDuty(IReadOnlyList<Country> Jurisdictions)
{
    /// <summary>No disclosure duty.</summary>
    public static DisclosureDuty None { get; } = new([]);

    /// <summary>Names every problem.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        if (errors.Require(Jurisdictions is not null && Jurisdictions.All(country => country is not null), nameof(Jurisdictions), "contract.null", "the jurisdictions may be empty but not null, and hold no null."))
        {
            errors.Require(Jurisdictions!.Distinct().Count() == Jurisdictions!.Count, nameof(Jurisdictions), "contract.duplicate", "a jurisdiction is listed more than once.");
        }

        return errors.Errors;
    }

    /// <summary>Checks a post against the duty.</summary>
    /// <param name="caption">The post's caption.</param>
    /// <param name="brandedContentFlag">Whether the platform's branded-content flag is on.</param>
    /// <param name="rules">The rules to apply; <see cref="DisclosureRules.Default"/> when null.</param>
    /// <returns>What is missing.</returns>
    public DisclosureResult Check(string caption, bool brandedContentFlag, DisclosureRules? rules = null) =>
        (rules ?? DisclosureRules.Default).Check(caption, brandedContentFlag, Jurisdictions);

    /// <inheritdoc />
    public bool Equals(DisclosureDuty? other) => other is not null && Jurisdictions.ToHashSet().SetEquals(other.Jurisdictions);

    /// <inheritdoc />
    public override int GetHashCode() => Jurisdictions.Count;

    /// <summary>Formats the duty, for example <c>"disclose in US, GB"</c> or <c>"none"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Jurisdictions.Count == 0 ? "none" : $"disclose in {string.Join(", ", Jurisdictions.Select(country => country.Code))}";
}

// The hashtags of a caption, folded: '#' (or the full-width '＃') then letters, digits or '_' ("#Publicité," gives
// "publicite"), found as twitter-text finds them, since that is what a platform shows as a tag.
internal static class Hashtags
{
    public static HashSet<string> Of(string caption)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < caption.Length; i++)
        {
            if (caption[i] is not ('#' or '＃') || !StartsTag(caption, i))
            {
                continue;
            }

            var end = i + 1;
            while (end < caption.Length && (IsTagCharacter(caption[end]) || IsInvisible(caption[end])))
            {
                end++;
            }

            // A character that shows nothing does not end a tag: "#ad\u200Bidas" reads "#adidas", and is that tag.
            var tag = caption[(i + 1)..end];
            tag = tag.Any(IsInvisible) ? string.Concat(tag.Where(c => !IsInvisible(c))) : tag;
            if (tag.Length > 0)
            {
                tags.Add(KeywordText.Fold(tag));
            }

            i = end - 1;
        }

        return tags;
    }

    // A '#' starts a tag at the start of the caption or after a character that is no part of a word, nor '&' (as
    // twitter-text has it), nor '/'; and not within a URL ("https://shop.example.com/serum#ad"), where it starts the
    // fragment. A URL here is a run of text without white space holding "://" before the '#'.
    private static bool StartsTag(string caption, int at)
    {
        if (at == 0)
        {
            return true;
        }

        var before = caption[at - 1];
        if (IsTagCharacter(before) || before is '&' or '/')
        {
            return false;
        }

        var start = at;
        while (start > 0 && !char.IsWhiteSpace(caption[start - 1]))
        {
            start--;
        }

        return !caption.AsSpan(start, at - start).Contains("://", StringComparison.Ordinal);
    }

    // Zero-width spaces and joiners, soft hyphens, direction marks: format characters, which a caption shows as nothing.
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    // A combining mark (an accent written apart from its letter, "s\u0327") is part of the tag, as the letter it
    // marks: folded, the tag matches its precomposed form.
    public static bool IsTagCharacter(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}

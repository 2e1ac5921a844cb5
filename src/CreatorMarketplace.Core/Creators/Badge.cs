using Ardalis.SmartEnum;
using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>A marketplace badge on a creator's profile.</summary>
public sealed class Badge : SmartEnum<Badge, int>
{
    /// <summary>Answers brands quickly (TTO's "responsive" badge, a discovery filter).</summary>
    public static readonly Badge Responsive = new(nameof(Responsive), 1);

    /// <summary>Has completed several marketplace collaborations.</summary>
    public static readonly Badge Experienced = new(nameof(Experienced), 2);

    /// <summary>Has filled in every profile field.</summary>
    public static readonly Badge ProfileComplete = new(nameof(ProfileComplete), 3);

    private Badge(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A breach of a platform's rules on a creator's record; eligibility's good-standing rule looks back over these.</summary>
/// <param name="OccurredAt">When the violation happened.</param>
/// <param name="Code">The platform's or the application's code for the rule broken, for example <c>"community_guidelines"</c>.</param>
/// <param name="Description">What happened, for people.</param>
/// <exception cref="ArgumentException"><paramref name="Code"/> or <paramref name="Description"/> is blank, or breaks its <see cref="TextRule"/> (a <see cref="DomainValidationException"/>).</exception>
public sealed record ComplianceViolation(Instant OccurredAt, string Code, string Description)
{
    /// <summary>The code of the rule broken.</summary>
    public string Code { get; init; } = string.IsNullOrWhiteSpace(Code) ? throw DomainValidationException.Of(nameof(Code), "creator.violation_code_missing", "a violation needs the code of the rule broken.") : TextRule.SingleLine.Require(Code, nameof(Code));

    /// <summary>What happened, for people.</summary>
    public string Description { get; init; } = TextRule.MultiLine.Require(Description ?? throw new ArgumentNullException(nameof(Description)), nameof(Description));
}

/// <summary>Work a creator did for a brand before, inside or outside the marketplace.</summary>
/// <param name="BrandName">The brand's name.</param>
/// <param name="Industry">The brand's industry, if known.</param>
/// <param name="Count">How many collaborations, at least 1.</param>
/// <param name="Brand">The brand's id when the brand is in this marketplace.</param>
/// <exception cref="ArgumentException"><paramref name="BrandName"/> is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>), or <paramref name="Industry"/> is the default label (which has no id).</exception>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Count"/> is below 1.</exception>
public sealed record PastCollaboration(string BrandName, IndustryLabel? Industry, int Count, BrandId? Brand = null)
{
    /// <summary>The brand's name.</summary>
    public string BrandName { get; init; } = string.IsNullOrWhiteSpace(BrandName) ? throw DomainValidationException.Of(nameof(BrandName), "creator.brand_name_missing", "a past collaboration names its brand.") : TextRule.SingleLine.Require(BrandName, nameof(BrandName));

    /// <summary>The brand's industry, if known.</summary>
    public IndustryLabel? Industry { get; init; } = Industry == default(IndustryLabel) ? throw DomainValidationException.Of(nameof(Industry), "creator.industry_label_missing", "an industry label has an id, not the default label; leave the industry out when it is not known.") : Industry;

    /// <summary>How many collaborations, at least 1.</summary>
    public int Count { get; init; } = Count >= 1 ? Count : throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count: at least 1 collaboration.");
}

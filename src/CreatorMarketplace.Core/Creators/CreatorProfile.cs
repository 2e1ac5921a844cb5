using NodaTime;

namespace CreatorMarketplace.Creators;

/// <summary>
/// What a creator says about themselves and where they work: the public, descriptive part of a creator, free of
/// personal data (which lives in <see cref="CreatorIdentity"/>). Immutable; build one with an object initializer
/// and <see cref="Validate"/> it, or let <see cref="Creator.Register"/> do so.
/// </summary>
public sealed record CreatorProfile
{
    /// <summary>The public display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The public bio, possibly empty.</summary>
    public string Bio { get; init; } = string.Empty;

    /// <summary>The country the creator lives and works in.</summary>
    public required Country HomeCountry { get; init; }

    /// <summary>The state or province, if known; must belong to <see cref="HomeCountry"/>.</summary>
    public Subdivision? HomeSubdivision { get; init; }

    /// <summary>The creator's time zone: posting windows and ages are computed in it.</summary>
    public required DateTimeZone TimeZone { get; init; }

    /// <summary>The languages the creator publishes in, at least one, without repeats.</summary>
    public required IReadOnlyList<Language> Languages { get; init; }

    /// <summary>The content categories the creator publishes in.</summary>
    public IReadOnlyList<ContentLabel> ContentLabels { get; init; } = [];

    /// <summary>The industries the creator suits or has worked with.</summary>
    public IReadOnlyList<IndustryLabel> IndustryLabels { get; init; } = [];

    /// <summary>The birth date, if the creator gave it (eligibility computes the age from it in <see cref="TimeZone"/>).</summary>
    public LocalDate? BirthDate { get; init; }

    /// <summary>The age band, when only a band is known instead of a birth date.</summary>
    public AgeBucket? AgeBand { get; init; }

    /// <summary>Checks the profile and names every problem.</summary>
    /// <returns>The problems, empty when the profile is valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(DisplayName), nameof(DisplayName), "creator.display_name_missing", "a creator needs a display name.");
        errors.Require(DisplayName is null || DisplayName.Length <= 100, nameof(DisplayName), "creator.display_name_too_long", "a display name has at most 100 characters.");
        errors.RequireText(TextRule.SingleLine, DisplayName, nameof(DisplayName));
        errors.Require(Bio is not null && Bio.Length <= 2_000, nameof(Bio), "creator.bio_too_long", "a bio has at most 2,000 characters.");
        errors.RequireText(TextRule.MultiLine, Bio, nameof(Bio));
        errors.Require(HomeCountry is not null, nameof(HomeCountry), "creator.home_country_missing", "a creator needs a home country.");
        errors.Require(
            HomeSubdivision is null || HomeCountry is null || ReferenceEquals(HomeSubdivision.Value.Country, HomeCountry),
            nameof(HomeSubdivision),
            "creator.subdivision_outside_country",
            $"the subdivision {HomeSubdivision} is not in the home country {HomeCountry}.");
        errors.Require(TimeZone is not null, nameof(TimeZone), "creator.time_zone_missing", "a creator needs a time zone.");
        errors.Require(Languages is { Count: > 0 }, nameof(Languages), "creator.languages_missing", "a creator publishes in at least one language.");
        errors.Require(Languages is null || Languages.Distinct().Count() == Languages.Count, nameof(Languages), "creator.duplicate", "a language is listed more than once.");
        errors.Require(ContentLabels is not null && ContentLabels.Distinct().Count() == ContentLabels.Count, nameof(ContentLabels), "creator.duplicate", "a content label is listed more than once.");
        errors.Require(IndustryLabels is not null && IndustryLabels.Distinct().Count() == IndustryLabels.Count, nameof(IndustryLabels), "creator.duplicate", "an industry label is listed more than once.");
        errors.Require(BirthDate is null || AgeBand is null, nameof(AgeBand), "creator.age_twice", "give a birth date or an age band, not both.");
        return errors.Errors;
    }

    /// <summary>Whether both profiles say the same (lists compared item by item).</summary>
    /// <param name="other">The other profile.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CreatorProfile? other) =>
        other is not null
        && DisplayName == other.DisplayName
        && Bio == other.Bio
        && ReferenceEquals(HomeCountry, other.HomeCountry)
        && HomeSubdivision == other.HomeSubdivision
        && Equals(TimeZone, other.TimeZone)
        && Languages.SequenceEqual(other.Languages)
        && ContentLabels.SequenceEqual(other.ContentLabels)
        && IndustryLabels.SequenceEqual(other.IndustryLabels)
        && BirthDate == other.BirthDate
        && ReferenceEquals(AgeBand, other.AgeBand);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DisplayName, HomeCountry?.Value, Languages?.Count);
}

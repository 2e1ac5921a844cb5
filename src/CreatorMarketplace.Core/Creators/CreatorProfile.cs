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
        if (errors.Require(Bio is not null, nameof(Bio), "creator.null", "the bio may be empty but not null."))
        {
            errors.Require(Bio!.Length <= 2_000, nameof(Bio), "creator.bio_too_long", "a bio has at most 2,000 characters.");
        }

        errors.RequireText(TextRule.MultiLine, Bio, nameof(Bio));
        errors.Require(HomeCountry is not null, nameof(HomeCountry), "creator.home_country_missing", "a creator needs a home country.");
        errors.Require(
            HomeSubdivision is null || HomeCountry is null || ReferenceEquals(HomeSubdivision.Value.Country, HomeCountry),
            nameof(HomeSubdivision),
            "creator.subdivision_outside_country",
            $"the subdivision {HomeSubdivision} is not in the home country {HomeCountry}.");
        errors.Require(TimeZone is not null, nameof(TimeZone), "creator.time_zone_missing", "a creator needs a time zone.");
        if (errors.Require(Languages is { Count: > 0 } && Languages.All(language => language is not null), nameof(Languages), "creator.languages_missing", "a creator publishes in at least one language, and no null."))
        {
            errors.Require(Languages!.Distinct().Count() == Languages!.Count, nameof(Languages), "creator.duplicate", "a language is listed more than once.");
        }

        RequireLabels(errors, nameof(ContentLabels), ContentLabels, "content");
        RequireLabels(errors, nameof(IndustryLabels), IndustryLabels, "industry");
        errors.Require(BirthDate is null || AgeBand is null, nameof(AgeBand), "creator.age_twice", "give a birth date or an age band, not both.");
        return errors.Errors;
    }

    // The labels may be empty but not null; each has an id (the default label has none, so it names no category a
    // rule or a query could match), and none is listed twice.
    private static void RequireLabels<TLabel>(ErrorCollector errors, string field, IReadOnlyList<TLabel>? labels, string kind)
        where TLabel : struct
    {
        if (!errors.Require(labels is not null, field, "creator.null", $"the {kind} labels may be empty but not null."))
        {
            return;
        }

        for (var i = 0; i < labels!.Count; i++)
        {
            errors.Require(!EqualityComparer<TLabel>.Default.Equals(labels[i], default), $"{field}[{i}]", $"creator.{kind}_label_missing", $"a {kind} label has an id, not the default label.");
        }

        errors.Require(labels.Distinct().Count() == labels.Count, field, "creator.duplicate", $"a {kind} label is listed more than once.");
    }

    // The profile with every list copied, so that a creator holds its own (as ContractTerms.Frozen does): a caller
    // changing a list it passed in cannot change the creator without a command. Only for profiles that passed Validate.
    internal CreatorProfile Frozen() => this with { Languages = [.. Languages], ContentLabels = [.. ContentLabels], IndustryLabels = [.. IndustryLabels] };

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

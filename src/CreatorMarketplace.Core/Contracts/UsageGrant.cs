using NodaTime;

namespace CreatorMarketplace.Contracts;

/// <summary>
/// A usage-rights grant: the channels, territories and term in which the brand may use the contract's
/// deliverables, and the edits it may make. Whatever a grant does not name is not granted.
/// </summary>
public sealed record UsageGrant
{
    /// <summary>The channels granted; at least one.</summary>
    public required IReadOnlyList<UsageChannel> Channels { get; init; }

    /// <summary>Where the content may be used.</summary>
    public required Territories Territories { get; init; }

    /// <summary>When the content may be used.</summary>
    public required RightsTerm Term { get; init; }

    /// <summary>The edits allowed; none unless listed.</summary>
    public IReadOnlyList<ContentEdit> Edits { get; init; } = [];

    // The grant with its lists copied, so that what holds it holds its own (see ContractTerms.Frozen).
    internal UsageGrant Frozen() => this with { Channels = [.. Channels], Edits = [.. Edits] };

    /// <summary>Names every problem of the grant.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new ErrorCollector();
        if (errors.Require(Channels is not null && Channels.All(channel => channel is not null), nameof(Channels), "contract.null", "the channels may not be null or hold a null."))
        {
            errors.Require(Channels!.Count > 0, nameof(Channels), "contract.channels_missing", "a grant names at least one channel.");
            errors.Require(Channels.Distinct().Count() == Channels.Count, nameof(Channels), "contract.duplicate", "a channel is listed more than once.");
        }

        errors.Require(Territories is not null, nameof(Territories), "contract.null", "a grant names its territories (Territories.Worldwide for all).");
        errors.Require(!Term.IsDefault, nameof(Term), "contract.term_missing", "a grant names its term (RightsTerm.Between, For or Perpetual); an unset one would read as perpetual from 1970.");
        if (errors.Require(Edits is not null && Edits.All(edit => edit is not null), nameof(Edits), "contract.null", "the edits may be empty but not null, and hold no null."))
        {
            errors.Require(Edits!.Distinct().Count() == Edits!.Count, nameof(Edits), "contract.duplicate", "an edit is listed more than once.");
        }

        return errors.Errors;
    }

    /// <summary>Whether the grant permits a use.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="territory">The country.</param>
    /// <param name="at">The instant.</param>
    /// <returns>True when the channel, the country and the instant are all covered.</returns>
    public bool Permits(UsageChannel channel, Country territory, Instant at) => Denials(channel, territory, at, null).Count == 0;

    /// <summary>
    /// Whether this grant is a narrowing of <paramref name="other"/>: no channel, territory, instant or edit
    /// beyond it.
    /// </summary>
    /// <param name="other">The wider grant.</param>
    /// <returns>True when within.</returns>
    public bool IsWithin(UsageGrant other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Channels.All(other.Channels.Contains)
            && Territories.IsWithin(other.Territories)
            && Term.IsWithin(other.Term)
            && Edits.All(other.Edits.Contains);
    }

    /// <inheritdoc />
    public bool Equals(UsageGrant? other) =>
        other is not null
        && Channels.ToHashSet().SetEquals(other.Channels)
        && Territories.Equals(other.Territories)
        && Term == other.Term
        && Edits.ToHashSet().SetEquals(other.Edits);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channels.Count, Territories, Term, Edits.Count);

    /// <summary>Formats the grant, for example <c>"Organic, PaidAmplification in DE, FR, 2026-01-01T00:00:00Z to 2026-07-01T00:00:00Z"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{string.Join(", ", Channels)} {(Territories.IsWorldwide ? "worldwide" : $"in {Territories}")}, {Term}{(Edits.Count > 0 ? $"; edits: {string.Join(", ", Edits)}" : "")}";

    // Every reason this grant does not permit the use; empty when it does.
    internal IReadOnlyList<RightsDenial> Denials(UsageChannel channel, Country territory, Instant at, int? grantNumber)
    {
        var denials = new List<RightsDenial>();
        var prefix = grantNumber is { } number ? $"grant {number}: " : "";
        if (!Channels.Contains(channel))
        {
            denials.Add(new(grantNumber, "rights.channel_not_granted", $"{prefix}{channel} is not granted (granted: {string.Join(", ", Channels)})."));
        }

        if (!Territories.Covers(territory))
        {
            denials.Add(new(grantNumber, "rights.territory_not_covered", $"{prefix}{territory.Code} is not covered (covered: {Territories})."));
        }

        if (at < Term.Start)
        {
            denials.Add(new(grantNumber, "rights.not_yet_started", $"{prefix}the term starts at {Term.Start}."));
        }
        else if (Term.End is { } end && at >= end)
        {
            denials.Add(new(grantNumber, "rights.expired", $"{prefix}the term expired at {end}."));
        }

        return denials;
    }
}

/// <summary>A use of a contract's deliverable to check: which deliverable, in which channel and country, when.</summary>
/// <param name="Deliverable">The deliverable's name in the contract.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Territory">The country.</param>
/// <param name="At">The instant of use.</param>
public sealed record UsageRequest(string Deliverable, UsageChannel Channel, Country Territory, Instant At);

/// <summary>One reason a use is not permitted.</summary>
/// <param name="Grant">The grant's number in the version (1-based), or null for a reason of the contract as a whole.</param>
/// <param name="Code">A stable reason code, for example <c>rights.expired</c>.</param>
/// <param name="Message">A sentence for people, naming the grant, instant, channel or territory.</param>
public sealed record RightsDenial(int? Grant, string Code, string Message)
{
    /// <summary>Returns the message.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;
}

namespace CreatorMarketplace.Contracts;

/// <summary>Where a grant applies: the whole world, or a set of countries.</summary>
public sealed class Territories : IEquatable<Territories>
{
    private readonly HashSet<Country> _countries;

    private Territories(bool worldwide, IEnumerable<Country> countries)
    {
        IsWorldwide = worldwide;
        _countries = [.. countries];
    }

    /// <summary>Every country.</summary>
    public static Territories Worldwide { get; } = new(true, []);

    /// <summary>Whether every country is covered.</summary>
    public bool IsWorldwide { get; }

    /// <summary>The countries covered, in code order; empty when <see cref="IsWorldwide"/>.</summary>
    public IReadOnlyList<Country> Countries => [.. _countries.OrderBy(country => country.Code, StringComparer.Ordinal)];

    /// <summary>A set of countries.</summary>
    /// <param name="countries">At least one country.</param>
    /// <returns>The territories.</returns>
    /// <exception cref="ArgumentException">No country, or a null one.</exception>
    public static Territories Of(params IEnumerable<Country> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var list = countries.ToList();
        if (list.Count == 0 || list.Any(country => country is null))
        {
            throw DomainValidationException.Of(nameof(countries), "territories.countries_missing", "territories name at least one country, and no null.");
        }

        return new(false, list);
    }

    /// <summary>Whether a country is covered.</summary>
    /// <param name="country">The country.</param>
    /// <returns>True when covered.</returns>
    public bool Covers(Country country) => IsWorldwide || _countries.Contains(country);

    /// <summary>Whether every country covered here is also covered by <paramref name="other"/>.</summary>
    /// <param name="other">The wider territories.</param>
    /// <returns>True when these are within the other.</returns>
    public bool IsWithin(Territories other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsWorldwide || (!IsWorldwide && _countries.IsSubsetOf(other._countries));
    }

    /// <inheritdoc />
    public bool Equals(Territories? other) =>
        other is not null && IsWorldwide == other.IsWorldwide && _countries.SetEquals(other._countries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Territories);

    /// <inheritdoc />
    public override int GetHashCode() => IsWorldwide ? 1 : _countries.Aggregate(_countries.Count, (hash, country) => hash ^ country.GetHashCode());

    /// <summary>Formats the territories, for example <c>"worldwide"</c> or <c>"DE, FR"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsWorldwide ? "worldwide" : string.Join(", ", Countries.Select(country => country.Code));
}

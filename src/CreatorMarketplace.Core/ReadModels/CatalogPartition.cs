using System.Collections.Frozen;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;

namespace CreatorMarketplace.ReadModels;

/// <summary>
/// The share of the store's creators that one catalog holds: every creator (<see cref="All"/>), or the creators whose
/// home country is one of a market's countries (<see cref="ByHomeCountry"/>). A <see cref="CatalogFollower"/> given a
/// partition loads and applies only the creators it holds, and removes a creator that moves out of it, so that
/// instances fed by the same change feed can each keep one market in memory.
/// </summary>
/// <remarks>
/// A partition decides where a query can be answered: <see cref="Answers"/> is true when every creator the query can
/// match lies in the partition, which is so when the query names home countries (or states) all inside it. Any other
/// query needs a catalog holding every creator.
/// </remarks>
public sealed class CatalogPartition
{
    private readonly FrozenSet<Country>? _homeCountries;

    private CatalogPartition(FrozenSet<Country>? homeCountries) => _homeCountries = homeCountries;

    /// <summary>Every creator: the default.</summary>
    public static CatalogPartition All { get; } = new(null);

    /// <summary>The home countries whose creators the partition holds; null when it holds every creator.</summary>
    public IReadOnlySet<Country>? HomeCountries => _homeCountries;

    /// <summary>The creators whose home country is one of <paramref name="homeCountries"/>.</summary>
    /// <param name="homeCountries">The market's countries: one or more, each once or repeated.</param>
    /// <returns>The partition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="homeCountries"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="homeCountries"/> is empty or holds null.</exception>
    public static CatalogPartition ByHomeCountry(params IEnumerable<Country> homeCountries)
    {
        ArgumentNullException.ThrowIfNull(homeCountries);
        var countries = homeCountries.ToList();
        if (countries.Count == 0)
        {
            throw new ArgumentException("homeCountries: a partition holds the creators of one country or more; none was given.", nameof(homeCountries));
        }

        if (countries.IndexOf(null!) is var at and >= 0)
        {
            throw new ArgumentException($"homeCountries[{at}]: a country may not be null.", nameof(homeCountries));
        }

        return new CatalogPartition(countries.ToFrozenSet());
    }

    /// <summary>Whether the partition holds the creator this listing describes.</summary>
    /// <param name="listing">The creator's listing.</param>
    /// <returns>True when it holds every creator, or when the creator's home country is one of its countries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listing"/> is null.</exception>
    public bool Holds(CreatorListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return _homeCountries is null || _homeCountries.Contains(listing.Profile.HomeCountry);
    }

    /// <summary>
    /// Whether a catalog holding this partition answers the query as a catalog holding every creator would: every
    /// creator the query can match is in the partition.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <returns>
    /// True for <see cref="All"/>; otherwise true when the query's <see cref="CreatorQuery.Countries"/>, or, without
    /// them, its <see cref="CreatorQuery.Subdivisions"/>, are all in the partition's countries.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public bool Answers(CreatorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_homeCountries is null)
        {
            return true;
        }

        // A query's subdivisions lie in its countries when it names both (the query's own rule), so the countries decide.
        return query.Countries is { Count: > 0 } countries
            ? countries.All(_homeCountries.Contains)
            : query.Subdivisions is { Count: > 0 } subdivisions && subdivisions.All(subdivision => _homeCountries.Contains(subdivision.Country));
    }

    /// <summary>"every creator", or the home countries' codes in order, such as "home country in DE, FR".</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        _homeCountries is null ? "every creator" : $"home country in {string.Join(", ", _homeCountries.Select(country => country.Code).Order(StringComparer.Ordinal))}";
}

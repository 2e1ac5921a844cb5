using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// The terms of a query a catalog did not push down (<see cref="CreatorQuery.PushDown"/>), checked exactly on the
/// catalog's candidates by each term's own <see cref="CreatorQueryTerm.Matches"/>.
/// </summary>
public sealed class ResidualFilter
{
    internal ResidualFilter(IReadOnlyList<CreatorQueryTerm> terms) => Terms = terms;

    /// <summary>The terms left to check, in the query's order.</summary>
    public IReadOnlyList<CreatorQueryTerm> Terms { get; }

    /// <summary>Whether the catalog decided every term itself, so that its candidates are the matches.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Whether a candidate satisfies every term left.</summary>
    /// <param name="creator">A candidate, which satisfies the terms pushed down.</param>
    /// <returns>True when it matches the query.</returns>
    public bool Matches(CreatorListing creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return CreatorQueryTerm.AllMatch(Terms, creator);
    }
}

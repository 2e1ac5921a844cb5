using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// A score a search can sort by (<see cref="CreatorSort.Score"/> with <see cref="CreatorQuery.Score"/>): any number
/// computed from a listing, larger being better, such as a fit to a campaign or a composite creator score.
/// </summary>
/// <remarks>
/// A score must be a pure function of the listing: the same listing always scores the same, so that pages and
/// cursors stay consistent. A creator the score cannot rate (null, NaN or infinite) comes last, as unknown numbers do.
/// </remarks>
public interface ICreatorScore
{
    /// <summary>A stable name for the score, for logs and saved searches.</summary>
    string Name { get; }

    /// <summary>Scores one creator.</summary>
    /// <param name="creator">The creator.</param>
    /// <returns>The score, or null when the creator cannot be rated.</returns>
    double? Score(CreatorListing creator);
}

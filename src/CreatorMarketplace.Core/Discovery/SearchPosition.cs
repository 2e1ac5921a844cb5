namespace CreatorMarketplace.Discovery;

/// <summary>
/// Where a creator stands in a query's result order: the keyword rank (relevance only), the sorted value (null
/// when unknown) and the creator id that breaks ties. It is also the keyset cursor for the next page.
/// </summary>
/// <param name="Rank">The keyword rank: 3 handle, 2 display name, 1 bio, 0 otherwise or when not sorting by relevance.</param>
/// <param name="Value">The value sorted on (followers for relevance), or null when the platform did not report it.</param>
/// <param name="Creator">The creator, which breaks ties.</param>
public readonly record struct SearchPosition(int Rank, double? Value, CreatorId Creator);

using Ardalis.SmartEnum;

namespace CreatorMarketplace.Creators;

/// <summary>
/// The industry's size classes by follower count: nano 1k–10k, micro 10k–100k, mid 100k–500k, macro 500k–1M,
/// mega 1M and up. Accounts under 1,000 followers are <see cref="Emerging"/>. Lower bounds are inclusive.
/// </summary>
public sealed class FollowerTier : SmartEnum<FollowerTier, int>
{
    /// <summary>Under 1,000 followers.</summary>
    public static readonly FollowerTier Emerging = new(nameof(Emerging), 0, 0, 1_000);

    /// <summary>1,000 to 9,999 followers.</summary>
    public static readonly FollowerTier Nano = new(nameof(Nano), 1, 1_000, 10_000);

    /// <summary>10,000 to 99,999 followers.</summary>
    public static readonly FollowerTier Micro = new(nameof(Micro), 2, 10_000, 100_000);

    /// <summary>100,000 to 499,999 followers.</summary>
    public static readonly FollowerTier Mid = new(nameof(Mid), 3, 100_000, 500_000);

    /// <summary>500,000 to 999,999 followers.</summary>
    public static readonly FollowerTier Macro = new(nameof(Macro), 4, 500_000, 1_000_000);

    /// <summary>1,000,000 followers and more.</summary>
    public static readonly FollowerTier Mega = new(nameof(Mega), 5, 1_000_000, long.MaxValue);

    private static readonly FollowerTier[] Ascending = [Emerging, Nano, Micro, Mid, Macro, Mega];

    private FollowerTier(string name, int value, long minFollowers, long maxFollowersExclusive)
        : base(name, value)
    {
        MinFollowers = minFollowers;
        MaxFollowersExclusive = maxFollowersExclusive;
    }

    /// <summary>The fewest followers in the tier (inclusive).</summary>
    public long MinFollowers { get; }

    /// <summary>The follower count at which the next tier starts (exclusive); <see cref="long.MaxValue"/> for mega.</summary>
    public long MaxFollowersExclusive { get; }

    /// <summary>The tier of a follower count.</summary>
    /// <param name="followers">The follower count, zero or more.</param>
    /// <returns>The tier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="followers"/> is negative.</exception>
    public static FollowerTier For(long followers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followers);
        for (var i = Ascending.Length - 1; i > 0; i--)
        {
            if (followers >= Ascending[i].MinFollowers)
            {
                return Ascending[i];
            }
        }

        return Emerging;
    }
}

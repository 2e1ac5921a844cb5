using Ardalis.SmartEnum;

namespace CreatorMarketplace.Contracts;

/// <summary>Where a brand may use a creator's content. A channel not granted is not permitted.</summary>
public sealed class UsageChannel : SmartEnum<UsageChannel, int>
{
    /// <summary>The creator's own post on the platform, unpaid.</summary>
    public static readonly UsageChannel Organic = new(nameof(Organic), 1);

    /// <summary>
    /// Paid reach for the creator's post (on TikTok, Spark Ads), which also needs the platform's authorisation of
    /// the post.
    /// </summary>
    public static readonly UsageChannel PaidAmplification = new(nameof(PaidAmplification), 2);

    /// <summary>The brand's own social accounts.</summary>
    public static readonly UsageChannel BrandOwnedChannels = new(nameof(BrandOwnedChannels), 3);

    /// <summary>The brand's websites and online shops.</summary>
    public static readonly UsageChannel Web = new(nameof(Web), 4);

    /// <summary>The brand's e-mail and newsletters.</summary>
    public static readonly UsageChannel Email = new(nameof(Email), 5);

    /// <summary>Print and out-of-home (posters, billboards, in store).</summary>
    public static readonly UsageChannel PrintAndOutOfHome = new(nameof(PrintAndOutOfHome), 6);

    private UsageChannel(string name, int value)
        : base(name, value)
    {
    }
}

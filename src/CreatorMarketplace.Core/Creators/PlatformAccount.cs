using Ardalis.SmartEnum;

namespace CreatorMarketplace.Creators;

/// <summary>The kind of a creator's account on a platform; TikTok's marketplace admits personal and creator accounts, not business ones.</summary>
public sealed class AccountType : SmartEnum<AccountType, int>
{
    /// <summary>A personal account.</summary>
    public static readonly AccountType Personal = new(nameof(Personal), 1);

    /// <summary>A creator account.</summary>
    public static readonly AccountType Creator = new(nameof(Creator), 2);

    /// <summary>A business account.</summary>
    public static readonly AccountType Business = new(nameof(Business), 3);

    private AccountType(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>One of a creator's accounts: the handle on its platform, the platform's own user id, the account type and its latest numbers.</summary>
public sealed record PlatformAccount
{
    /// <summary>Creates an account.</summary>
    /// <param name="handle">The handle, which names the platform.</param>
    /// <param name="type">The account type.</param>
    /// <param name="stats">The latest numbers.</param>
    /// <param name="externalId">The platform's id for the account (TikTok's <c>open_id</c>, YouTube's channel id), if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="stats"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is the default handle, or <paramref name="externalId"/> is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public PlatformAccount(Handle handle, AccountType type, AccountStats stats, string? externalId = null)
    {
        if (handle.Platform is null)
        {
            throw new ArgumentException("handle: an account needs a handle made with new Handle(platform, value).", nameof(handle));
        }

        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(stats);
        if (externalId is not null)
        {
            TextRule.SingleLine.RequireNonBlank(externalId);
        }

        Handle = handle;
        Type = type;
        Stats = stats;
        ExternalId = externalId;
    }

    /// <summary>The handle, which names the platform.</summary>
    public Handle Handle { get; }

    /// <summary>The platform of the account.</summary>
    public Platform Platform => Handle.Platform;

    /// <summary>The account type.</summary>
    public AccountType Type { get; }

    /// <summary>The latest numbers.</summary>
    public AccountStats Stats { get; }

    /// <summary>The platform's id for the account, if known.</summary>
    public string? ExternalId { get; }

    /// <summary>The same account with newer numbers.</summary>
    /// <param name="stats">The newer numbers.</param>
    /// <returns>The updated account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stats"/> is null.</exception>
    public PlatformAccount WithStats(AccountStats stats) => new(Handle, Type, stats, ExternalId);
}

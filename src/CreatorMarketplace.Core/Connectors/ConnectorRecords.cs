using CreatorMarketplace.Creators;
using NodaTime;

namespace CreatorMarketplace.Connectors;

/// <summary>A creator's account that the creator connected (authorised the application to read), on one platform.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Handle">The account's handle, which names the platform.</param>
/// <param name="ExternalId">The platform's own id of the account (TikTok's <c>open_id</c>), when known.</param>
public sealed record ConnectedAccount(CreatorId Creator, Handle Handle, string? ExternalId = null)
{
    /// <summary>The account's platform.</summary>
    public Platform Platform => Handle.Platform;
}

/// <summary>An account's profile as the platform shows it now.</summary>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Bio">The profile text, or null.</param>
/// <param name="Stats">
/// The numbers, checked by <see cref="AccountStats.Create"/>; null when the platform does not report the follower count
/// (a YouTube channel that hides its subscriber count), since a hidden count is not zero.
/// </param>
/// <param name="Following">How many accounts it follows, if reported.</param>
/// <param name="Likes">How many likes its posts received in all, if reported.</param>
/// <param name="Posts">How many posts it has, if reported.</param>
/// <param name="Verified">Whether the platform verified the account, if reported.</param>
public sealed record PlatformProfile(string DisplayName, string? Bio, AccountStats? Stats, long? Following, long? Likes, long? Posts, bool? Verified);

/// <summary>A post as the platform lists it.</summary>
/// <param name="Id">The platform's id of the post.</param>
/// <param name="PostedAt">When it went live.</param>
/// <param name="Caption">Its caption or title, or null.</param>
/// <param name="Url">Where it can be seen, if given.</param>
public sealed record PlatformPost(string Id, Instant PostedAt, string? Caption, Uri? Url);

/// <summary>One page of an account's posts.</summary>
/// <param name="Posts">The posts, newest first.</param>
/// <param name="NextCursor">Where the next page starts; null on the last page.</param>
public sealed record PostPage(IReadOnlyList<PlatformPost> Posts, string? NextCursor)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => NextCursor is not null;
}

/// <summary>What the platform shows of a post now, for verifying it.</summary>
/// <param name="PostId">The post.</param>
/// <param name="Live">Whether it can be seen.</param>
/// <param name="Caption">Its caption, for the disclosure check; null when the platform gives none.</param>
/// <param name="BrandedContentFlag">Whether the platform's branded-content toggle is on, if reported.</param>
/// <param name="CheckedAt">When the platform was asked.</param>
public sealed record PostCheck(string PostId, bool Live, string? Caption, bool? BrandedContentFlag, Instant CheckedAt);

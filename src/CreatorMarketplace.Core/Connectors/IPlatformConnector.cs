using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;

namespace CreatorMarketplace.Connectors;

/// <summary>
/// One platform's data about the creators who connected their accounts: profile and numbers, audience, posts and
/// their metrics, and whether a post is live with its disclosure. An application implements it for each platform
/// it supports (the TikTok connector is one), or uses the simulated platform of CreatorMarketplace.Testing offline.
/// </summary>
/// <remarks>
/// <para>
/// Every outcome the platform can give in normal operation is a result, never an exception: <see cref="NotFound"/>,
/// <see cref="Unauthorized"/> (the creator's token expired or was revoked), <see cref="RateLimited"/> (with when to
/// retry), <see cref="PlatformError"/> (with the platform's code) and <see cref="MalformedData"/> (the platform
/// answered, but not in its documented shape, or with numbers that break their rules). Exceptions are left for
/// programmer errors and cancellation.
/// </para>
/// <para>
/// A connector returns the platform's numbers as they are, checked (<see cref="PostMetrics.Validate"/>,
/// <see cref="AccountStats.Create"/>): it never repairs or guesses a number, and a number the platform did not report
/// stays null.
/// </para>
/// </remarks>
public interface IPlatformConnector
{
    /// <summary>The platform this connector speaks to.</summary>
    Platform Platform { get; }

    /// <summary>Fetches the account's profile and its numbers now.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, or why not.</returns>
    ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken);

    /// <summary>Fetches who follows the account, as far as the platform reports it.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audience (<see cref="Audience.Unknown"/> when the platform reports none), or why not.</returns>
    ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the account's posts, newest first, one page at a time. Each page carries the cursor of the next, so a
    /// listing interrupted by a failure resumes where it stopped by passing that cursor back.
    /// </summary>
    /// <param name="account">The connected account.</param>
    /// <param name="cursor">Where to start: null for the newest posts, or a <see cref="PostPage.NextCursor"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>
    /// The pages, each a result: the listing ends after the last page (<see cref="PostPage.HasMore"/> false) or after
    /// the first failure.
    /// </returns>
    IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, CancellationToken cancellationToken);

    /// <summary>Fetches the current metrics of some of the account's posts.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="postIds">The posts, at most <see cref="MaxPostsPerMetricsCall"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One snapshot per post found (a post the platform no longer has is left out), or why not.</returns>
    ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken);

    /// <summary>Checks a post: whether it is live, and its caption and branded-content flag for the disclosure check.</summary>
    /// <param name="account">The connected account.</param>
    /// <param name="postId">The post.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the platform shows now (<see cref="PostCheck.Live"/> false for a post hidden or taken down), or why not (<see cref="NotFound"/> for a post deleted).</returns>
    ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken);

    /// <summary>The most posts <see cref="GetPostMetricsAsync"/> takes at once (TikTok's video query takes 20).</summary>
    int MaxPostsPerMetricsCall { get; }
}

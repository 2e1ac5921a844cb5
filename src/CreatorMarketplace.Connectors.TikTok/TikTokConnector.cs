using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace CreatorMarketplace.Connectors.TikTok;

/// <summary>
/// The <see cref="IPlatformConnector"/> for TikTok, over TikTok's Display API v2: the profile and its numbers from
/// <c>/v2/user/info/</c>, the posts from <c>/v2/video/list/</c>, and post metrics and checks from
/// <c>/v2/video/query/</c>. The creator's tokens come from the application's
/// <see cref="IConnectorTokenStore{TTokens}"/> of <see cref="TikTokTokens"/> and are refreshed when they expire.
/// </summary>
/// <remarks>
/// <para>
/// The connector keeps its own budget of <see cref="TikTokConnectorOptions.RequestsPerMinute"/> requests per endpoint
/// in any sliding minute (TikTok allows 600), counting every attempt, retries included. When the budget is spent
/// it sends nothing and returns <see cref="RateLimited"/> at once, with when the budget frees a request: it never
/// queues callers. When TikTok itself answers "rate limit exceeded", the connector waits out a short Retry-After
/// (at most <see cref="TikTokConnectorOptions.MaxRetryAfterWait"/>) and tries once more; otherwise it returns
/// <see cref="RateLimited"/> and sends nothing to that endpoint until the wait is over.
/// </para>
/// <para>
/// Token expiry and the budget's minute are read from the injected <see cref="IClock"/>; waits run on the injected
/// <see cref="TimeProvider"/> (the system's when none is given). Tokens and the client secret are never logged nor put
/// in a result or exception, even when TikTok echoes them back, in any field or encoding.
/// </para>
/// <para>
/// TikTok's Display API reports no audience demographics and no branded-content flag:
/// <see cref="GetAudienceAsync"/> gives <see cref="Audience.Unknown"/> and <see cref="PostCheck.BrandedContentFlag"/>
/// is null.
/// </para>
/// </remarks>
public sealed partial class TikTokConnector : IPlatformConnector
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddTikTokConnector</c> registers, for adding handlers to it.</summary>
    public const string HttpClientName = "CreatorMarketplace.Connectors.TikTok";

    /// <summary>The fields asked of <c>/v2/user/info/</c>.</summary>
    public const string UserInfoFields = "open_id,union_id,avatar_url,display_name,bio_description,is_verified,follower_count,following_count,likes_count,video_count";

    /// <summary>The fields asked of <c>/v2/video/list/</c>.</summary>
    public const string VideoListFields = "id,create_time,title,video_description,share_url";

    /// <summary>The fields asked of <c>/v2/video/query/</c>.</summary>
    public const string VideoQueryFields = "id,create_time,title,video_description,share_url,view_count,like_count,comment_count,share_count";

    private static readonly Endpoint UserInfo = new("user/info", "v2/user/info/?fields=" + UserInfoFields);
    private static readonly Endpoint VideoList = new("video/list", "v2/video/list/?fields=" + VideoListFields);
    private static readonly Endpoint VideoQuery = new("video/query", "v2/video/query/?fields=" + VideoQueryFields);
    private static readonly Endpoint OAuthToken = new("oauth/token", "v2/oauth/token/");

    // Where each PostMetrics field came from, to name the JSON path when a snapshot breaks a rule.
    private static readonly Dictionary<string, string> MetricSources = new(StringComparer.Ordinal)
    {
        [nameof(PostMetrics.PostId)] = "id",
        [nameof(PostMetrics.PostedAt)] = "create_time",
        [nameof(PostMetrics.CapturedAt)] = "create_time",
        [nameof(PostMetrics.Views)] = "view_count",
        [nameof(PostMetrics.Likes)] = "like_count",
        [nameof(PostMetrics.Comments)] = "comment_count",
        [nameof(PostMetrics.Shares)] = "share_count",
    };

    private readonly ConnectorExchange _exchange;
    private readonly IConnectorTokenStore<TikTokTokens> _tokenStore;
    private readonly IClock _clock;
    private readonly ILogger _logger; // only ever written to through a RedactingLogger
    private readonly TimeProvider _time;
    private readonly ConnectorState _state;
    private readonly Uri _baseAddress;
    private readonly string _clientKey;
    private readonly string _clientSecret;
    private readonly Secrets _secrets;
    private readonly int _pageSize;
    private readonly Duration _maxRetryAfterWait;
    private readonly Duration _refreshMargin;

    /// <summary>
    /// Creates a connector with its own request budget. Keep one per application: connectors made this way do not
    /// share their budgets. (Registered with <c>AddTikTokConnector</c>, connectors share one budget and get the
    /// resilience handler.)
    /// </summary>
    /// <param name="httpClient">Sends the requests; its base address is not used.</param>
    /// <param name="tokenStore">The creators' tokens.</param>
    /// <param name="options">The credentials, address and limits; checked here.</param>
    /// <param name="clock">Now, for token expiry, the request budget and when numbers were captured.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="timeProvider">Times the waits for TikTok's Retry-After; the system's when null.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public TikTokConnector(
        HttpClient httpClient,
        IConnectorTokenStore<TikTokTokens> tokenStore,
        TikTokConnectorOptions options,
        IClock clock,
        ILogger<TikTokConnector>? logger = null,
        TimeProvider? timeProvider = null)
        : this(httpClient, tokenStore, options, clock, logger, timeProvider, state: null)
    {
    }

    internal TikTokConnector(
        HttpClient httpClient,
        IConnectorTokenStore<TikTokTokens> tokenStore,
        TikTokConnectorOptions options,
        IClock clock,
        ILogger<TikTokConnector>? logger,
        TimeProvider? timeProvider,
        ConnectorState? state)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _tokenStore = tokenStore;
        _clock = clock;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _state = state ?? new ConnectorState(options.RequestsPerMinute);
        _exchange = new ConnectorExchange(httpClient, clock, "TikTok");
        _baseAddress = ConnectorExchange.Folder(options.BaseAddress);
        _clientKey = options.ClientKey;
        _clientSecret = options.ClientSecret;
        _secrets = new Secrets(options.ClientSecret);
        _pageSize = options.PageSize;
        _maxRetryAfterWait = Duration.FromTimeSpan(options.MaxRetryAfterWait);
        _refreshMargin = Duration.FromTimeSpan(options.RefreshMargin);
    }

    /// <inheritdoc />
    public Platform Platform => Platform.TikTok;

    /// <summary>20: TikTok's video query takes at most 20 ids.</summary>
    public int MaxPostsPerMetricsCall => TikTokConnectorOptions.TikTokMaxVideosPerCall;

    /// <summary>
    /// Fetches the profile from <c>/v2/user/info/</c>: display name, bio (null when empty), followers into
    /// <see cref="AccountStats"/> (the rest of its numbers TikTok does not give, so they stay null), following,
    /// likes, videos and whether TikTok verified the account.
    /// </summary>
    /// <param name="account">A TikTok account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not a TikTok account.</exception>
    public ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        return CallAsync<PlatformProfile>(account, UserInfo, token => Get(UserInfo, token), (data, now) => MapProfile(data, now), cancellationToken);
    }

    /// <summary>Gives <see cref="Audience.Unknown"/> without calling TikTok: the Display API reports no audience demographics.</summary>
    /// <param name="account">A TikTok account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Audience.Unknown"/>.</returns>
    /// <exception cref="ArgumentException">The account is not a TikTok account.</exception>
    public ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<ConnectorResult<Audience>>(Audience.Unknown);
    }

    /// <summary>
    /// Lists the posts from <c>/v2/video/list/</c>, <see cref="TikTokConnectorOptions.PageSize"/> a page, following
    /// TikTok's cursor until it says there is no more.
    /// </summary>
    /// <param name="account">A TikTok account.</param>
    /// <param name="cursor">Null for the newest posts, or a <see cref="PostPage.NextCursor"/> this connector gave.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages; the listing ends after the last page or the first failure.</returns>
    /// <exception cref="ArgumentException">The account is not a TikTok account, or the cursor is not one this connector gave.</exception>
    public IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        long? position = null;
        if (cursor is not null)
        {
            position = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ArgumentException($"cursor: '{cursor}' is not a cursor that the TikTok connector gave.", nameof(cursor));
        }

        return ListPostsCoreAsync(account, position, cancellationToken);
    }

    /// <summary>
    /// Fetches the posts' numbers from <c>/v2/video/query/</c>: views, likes, comments and shares, each checked by
    /// <see cref="PostMetrics.Validate"/>; the rest TikTok's Display API does not give, so they stay null.
    /// </summary>
    /// <param name="account">A TikTok account.</param>
    /// <param name="postIds">At most 20 video ids; repeated ids are asked once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One snapshot per video TikTok returned, in the order asked, or why not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="postIds"/> is null.</exception>
    /// <exception cref="ArgumentException">The account is not a TikTok account, an id is blank, or there are more than 20.</exception>
    public ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        return PostSnapshots.OfDistinctAsync(
            postIds,
            MaxPostsPerMetricsCall,
            "TikTok's video query",
            ids => CallAsync<IReadOnlyList<PostMetrics>>(account, VideoQuery, token => Query(token, ids), (data, now) => MapMetrics(data, ids, now), cancellationToken));
    }

    /// <summary>
    /// Checks a post through <c>/v2/video/query/</c>: live when TikTok returns it, with its description (or title) as
    /// the caption; <see cref="NotFound"/> when TikTok no longer returns it (deleted or made private). The
    /// branded-content flag is null: the Display API does not report it.
    /// </summary>
    /// <param name="account">A TikTok account.</param>
    /// <param name="postId">The video id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What TikTok shows now, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not a TikTok account, or the id is blank.</exception>
    public ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(postId);
        string[] ids = [postId];
        return CallAsync(account, VideoQuery, token => Query(token, ids), (data, now) => MapCheck(data, postId, now), cancellationToken);
    }

    private static void CheckAccount(ConnectedAccount account) => ConnectorArguments.CheckAccount(account, Platform.TikTok);

    private async IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsCoreAsync(ConnectedAccount account, long? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every cursor of the listing, so that one leading back to a page already listed ends it rather than going round.
        var cursors = new HashSet<long>();
        while (true)
        {
            var from = position;
            if (from is { } asked)
            {
                cursors.Add(asked);
            }

            var page = await CallAsync<PostPage>(account, VideoList, token => List(token, from), (data, _) => MapPage(data, from, cursors), cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.TryPickT0(out var posts, out _) || posts.NextCursor is null)
            {
                yield break;
            }

            position = long.Parse(posts.NextCursor, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    private HttpRequestMessage Get(Endpoint endpoint, string accessToken) => Authorized(new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, endpoint.PathAndQuery)), accessToken);

    private HttpRequestMessage List(string accessToken, long? cursor) => PostJson(VideoList, accessToken, json =>
    {
        json.WriteNumber("max_count", _pageSize);
        if (cursor is { } value)
        {
            json.WriteNumber("cursor", value);
        }
    });

    private HttpRequestMessage Query(string accessToken, string[] ids) => PostJson(VideoQuery, accessToken, json =>
    {
        json.WriteStartObject("filters");
        json.WriteStartArray("video_ids");
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private HttpRequestMessage PostJson(Endpoint endpoint, string accessToken, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeBody(json);
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, endpoint.PathAndQuery)) { Content = content }, accessToken);
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string accessToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private static PlatformProfile MapProfile(JsonAt data, Instant now)
    {
        var user = data.Object("user");
        var displayName = user.String("display_name");
        var bio = user.OptionalString("bio_description");
        var stats = user.FollowerStats("follower_count", now);
        var following = user.OptionalCount("following_count");
        var likes = user.OptionalCount("likes_count");
        var videos = user.OptionalCount("video_count");
        var verified = user.OptionalBoolean("is_verified");

        return new PlatformProfile(displayName, string.IsNullOrEmpty(bio) ? null : bio, stats, following, likes, videos, verified);
    }

    private static PostPage MapPage(JsonAt data, long? asked, HashSet<long> listed)
    {
        var posts = data.Array("videos").Items().Select(video => new PlatformPost(
            video.String("id"),
            video.UnixSeconds("create_time"),
            Caption(video),
            video.OptionalUri("share_url"))).ToArray();
        if (!data.Boolean("has_more"))
        {
            return new PostPage(posts, null);
        }

        // TikTok's cursor is a time in milliseconds; one that does not move, or leads back to a page already listed,
        // would list the same pages for ever.
        var next = data.Int64("cursor");
        if (next < 0 || next == asked || listed.Contains(next))
        {
            throw MalformedResponseException.At($"{data.Path}.cursor", $"{next} does not lead past the pages listed ({asked?.ToString(CultureInfo.InvariantCulture) ?? "the first"} was asked for) while has_more is true.");
        }

        return new PostPage(posts, next.ToString(CultureInfo.InvariantCulture));
    }

    private static PostMetrics[] MapMetrics(JsonAt data, string[] asked, Instant now) =>
        PostSnapshots.InOrderAsked(
            data.Array("videos").Items(),
            asked,
            (video, id) => new PostMetrics
            {
                PostId = id,
                Platform = Platform.TikTok,
                Kind = PostKind.Video,
                PostedAt = video.UnixSeconds("create_time"),
                CapturedAt = now,
                Views = video.OptionalInt64("view_count"),
                Likes = video.OptionalInt64("like_count"),
                Comments = video.OptionalInt64("comment_count"),
                Shares = video.OptionalInt64("share_count"),
            },
            MetricSources);

    private static ConnectorResult<PostCheck> MapCheck(JsonAt data, string postId, Instant now) =>
        PostSnapshots.Check(data.Array("videos").Items(), postId, video => new PostCheck(postId, Live: true, Caption(video), BrandedContentFlag: null, now));

    private static string? Caption(JsonAt video) =>
        video.OptionalString("video_description") is { Length: > 0 } description ? description
        : video.OptionalString("title") is { Length: > 0 } title ? title
        : null;

    private sealed record Endpoint(string Name, string PathAndQuery);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.Instagram;

/// <summary>
/// The <see cref="IPlatformConnector"/> for Instagram, over the Instagram Graph API for professional (business and
/// creator) accounts with Facebook Login: the account's fields from <c>/{ig-user-id}</c>, its media from
/// <c>/{ig-user-id}/media</c>, media insights from <c>/{ig-media-id}/insights</c>, follower demographics from
/// <c>/{ig-user-id}/insights</c>, and other public professional accounts through business discovery
/// (<see cref="DiscoverAsync"/>). The creator's long-lived token comes from the application's
/// <see cref="IConnectorTokenStore{TTokens}"/> of <see cref="InstagramTokens"/> and is exchanged for a new one
/// before it expires.
/// </summary>
/// <remarks>
/// <para>
/// The account is named by <see cref="ConnectedAccount.ExternalId"/>, its Instagram user id. Every request of a call
/// for that account takes from the account's budget of <see cref="InstagramConnectorOptions.RequestsPerMinute"/>; when
/// the Graph API's usage headers (<c>X-Business-Use-Case-Usage</c>, <c>X-App-Usage</c>) reach 100%, or it answers with
/// a rate-limit code, the call is <see cref="RateLimited"/> with the platform's time to regain access and nothing more
/// is sent for that account until then.
/// </para>
/// <para>
/// Tokens and the application's secret are never logged nor put in a result or exception, even when the Graph API
/// echoes them back (as it does in the <c>paging.next</c> addresses), in any field or encoding.
/// </para>
/// </remarks>
public sealed partial class InstagramConnector : IPlatformConnector
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddInstagramConnector</c> registers, for adding handlers to it.</summary>
    public const string HttpClientName = "CreatorMarketplace.Connectors.Instagram";

    /// <summary>The fields asked of <c>/{ig-user-id}</c>.</summary>
    public const string UserFields = "username,name,biography,followers_count,follows_count,media_count,profile_picture_url,website";

    /// <summary>The fields asked of <c>/{ig-user-id}/media</c> and <c>/{ig-media-id}</c>.</summary>
    public const string MediaFields = "id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count";

    /// <summary>The metrics asked of a reel's insights.</summary>
    public const string ReelMetrics = "reach,views,likes,comments,saved,shares,ig_reels_avg_watch_time";

    /// <summary>The metrics asked of an image's, a carousel's or a feed video's insights.</summary>
    public const string FeedMetrics = "reach,views,likes,comments,saved,shares";

    /// <summary>The metrics asked of a story's insights, within 24 hours of its posting.</summary>
    public const string StoryMetrics = "reach,views,shares";

    /// <summary>The most media one <see cref="GetPostMetricsAsync"/> takes: insights are per media, two requests each.</summary>
    public const int MaxMediaPerMetricsCall = 10;

    private const string User = "user";
    private const string Media = "media";
    private const string MediaInsights = "media/insights";
    private const string UserInsights = "user/insights";
    private const string BusinessDiscovery = "business_discovery";

    // A story's insights are kept for 24 hours after its posting, then gone.
    private static readonly Duration StoryInsightsLifetime = Duration.FromHours(24);

    private static readonly Duration MaxAverageWatchTime = Duration.FromDays(1);

    private static readonly OffsetDateTimePattern[] TimestampPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HHmm>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>"),
    ];

    private readonly IConnectorTokenStore<InstagramTokens> _tokenStore;
    private readonly IClock _clock;
    private readonly ILogger _logger; // only ever written to through a RedactingLogger
    private readonly ConnectorState _state;
    private readonly ConnectorExchange _exchange;
    private readonly Uri _apiAddress;
    private readonly string _appId;
    private readonly string _appSecret;
    private readonly Secrets _secrets;
    private readonly int _pageSize;
    private readonly Duration _refreshMargin;

    /// <summary>
    /// Creates a connector with its own request budget. Keep one per application: connectors made this way do not
    /// share their budgets nor what the usage headers said. (Registered with <c>AddInstagramConnector</c>,
    /// connectors share them and get the resilience handler.)
    /// </summary>
    /// <param name="httpClient">Sends the requests; its base address is not used.</param>
    /// <param name="tokenStore">The creators' tokens.</param>
    /// <param name="options">The credentials, address, version and limits; checked here.</param>
    /// <param name="clock">Now, for token expiry, the budget, the stories' 24 hours and when numbers were captured.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public InstagramConnector(
        HttpClient httpClient,
        IConnectorTokenStore<InstagramTokens> tokenStore,
        InstagramConnectorOptions options,
        IClock clock,
        ILogger<InstagramConnector>? logger = null)
        : this(httpClient, tokenStore, options, clock, logger, state: null)
    {
    }

    internal InstagramConnector(
        HttpClient httpClient,
        IConnectorTokenStore<InstagramTokens> tokenStore,
        InstagramConnectorOptions options,
        IClock clock,
        ILogger<InstagramConnector>? logger,
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
        _state = state ?? new ConnectorState(options.RequestsPerMinute);
        _exchange = new ConnectorExchange(httpClient, clock, "Instagram");
        _apiAddress = new Uri(ConnectorExchange.Folder(options.BaseAddress), options.ApiVersion + "/");
        _appId = options.AppId;
        _appSecret = options.AppSecret;
        _secrets = new Secrets(options.AppSecret);
        _pageSize = options.PageSize;
        _refreshMargin = Duration.FromTimeSpan(options.RefreshMargin);
    }

    /// <inheritdoc />
    public Platform Platform => Platform.Instagram;

    /// <summary>
    /// 10 (<see cref="MaxMediaPerMetricsCall"/>): the Graph API gives insights one media at a time, so each media
    /// costs two requests (its fields, then its insights) against the account's rate limit.
    /// </summary>
    public int MaxPostsPerMetricsCall => MaxMediaPerMetricsCall;

    /// <summary>
    /// Fetches the account from <c>/{ig-user-id}?fields=…</c> (<see cref="UserFields"/>): the name (else the
    /// username), the biography (null when empty), followers into <see cref="AccountStats"/>, follows and media
    /// counts. Instagram gives no likes total nor a verified flag here: both stay null.
    /// </summary>
    /// <param name="account">An Instagram account, with its Instagram user id as <see cref="ConnectedAccount.ExternalId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not an Instagram account, or has no user id.</exception>
    public ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        return CallAsync(account, userId, User, call => FetchAsync<PlatformProfile>(call, User, $"{Escape(userId)}?fields={UserFields}", user => MapProfile(user, _clock.GetCurrentInstant()), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Fetches the follower demographics from <c>/{ig-user-id}/insights?metric=follower_demographics</c>, once per
    /// breakdown (age, gender, country), each mapped to a distribution of the followers the platform counted. A
    /// breakdown the platform does not give (an account of fewer than 100 followers gets none) stays null;
    /// with none, the audience is <see cref="Audience.Unknown"/>.
    /// </summary>
    /// <param name="account">An Instagram account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audience, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not an Instagram account, or has no user id.</exception>
    public ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        return CallAsync(account, userId, UserInsights, call => AudienceAsync(call, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Lists the media from <c>/{ig-user-id}/media</c>, <see cref="InstagramConnectorOptions.PageSize"/> a page,
    /// newest first, following the Graph API's <c>paging.cursors.after</c> while it gives a <c>paging.next</c>.
    /// </summary>
    /// <param name="account">An Instagram account.</param>
    /// <param name="cursor">Null for the newest media, or a <see cref="PostPage.NextCursor"/> this connector gave.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages; the listing ends after the last page or the first failure.</returns>
    /// <exception cref="ArgumentException">The account is not an Instagram account or has no user id, or the cursor is blank.</exception>
    public IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        if (cursor is not null && string.IsNullOrWhiteSpace(cursor))
        {
            throw new ArgumentException("cursor: a cursor the Instagram connector gave is never blank.", nameof(cursor));
        }

        return ListPostsCoreAsync(account, userId, cursor, cancellationToken);
    }

    /// <summary>
    /// Fetches each media's fields from <c>/{ig-media-id}</c> and its insights from <c>/{ig-media-id}/insights</c>,
    /// with the metrics of its kind: <see cref="ReelMetrics"/> for reels, <see cref="FeedMetrics"/> for images,
    /// carousels and feed videos, <see cref="StoryMetrics"/> for stories. A story posted 24 hours ago or more has no
    /// insights any more: it is not asked, and its numbers stay null (not reported, never zero); so do those of media
    /// with too few viewers for insights. Likes and comments fall back to the media's counts.
    /// </summary>
    /// <param name="account">An Instagram account.</param>
    /// <param name="postIds">At most 10 media ids; repeated ids are asked once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One snapshot per media the Graph API still has, in the order asked, or why not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="postIds"/> is null.</exception>
    /// <exception cref="ArgumentException">The account is not an Instagram account, an id is blank, or there are more than 10.</exception>
    public ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        return PostSnapshots.OfDistinctAsync(
            postIds,
            MaxPostsPerMetricsCall,
            "the Instagram connector",
            ids => CallAsync(account, userId, MediaInsights, call => MetricsAsync(call, ids, cancellationToken), cancellationToken));
    }

    /// <summary>
    /// Checks a media through <c>/{ig-media-id}</c>: live when the Graph API returns it, with its caption;
    /// <see cref="NotFound"/> when it no longer has it. The branded-content flag is null: the Graph API does not give
    /// it for organic media.
    /// </summary>
    /// <param name="account">An Instagram account.</param>
    /// <param name="postId">The media id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What Instagram shows now, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not an Instagram account, or the id is blank.</exception>
    public ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(postId);
        return CallAsync(account, userId, Media, async call =>
        {
            var got = await GetAsync(call, Media, $"{Escape(postId)}?fields={MediaFields}", cancellationToken).ConfigureAwait(false);
            return got.Failure switch
            {
                NotFound => PostSnapshots.Gone(postId),
                { } failure => ConnectorOutcomes.Relay<PostCheck>(failure),
                _ => Mapped(() => new PostCheck(SameId(got.Body, postId), Live: true, Caption(got.Body), BrandedContentFlag: null, _clock.GetCurrentInstant())),
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Looks up another public professional (business or creator) account by its username through business discovery,
    /// <c>/{ig-user-id}?fields=business_discovery.username(…){…}</c>, asked with the connected account's token: its
    /// id, username, profile and numbers as <see cref="GetProfileAsync"/> maps them, website and profile picture.
    /// </summary>
    /// <param name="account">The connected Instagram account whose token asks.</param>
    /// <param name="username">The other account's username, without the @.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account; <see cref="NotFound"/> when there is no such professional account; or why not.</returns>
    /// <exception cref="ArgumentException">The account is not an Instagram account or has no user id, or the username is not an Instagram username.</exception>
    public ValueTask<ConnectorResult<InstagramBusinessAccount>> DiscoverAsync(ConnectedAccount account, string username, CancellationToken cancellationToken)
    {
        var userId = CheckAccount(account);
        ArgumentNullException.ThrowIfNull(username);
        if (!UsernamePattern().IsMatch(username))
        {
            throw new ArgumentException("username: an Instagram username is 1 to 30 letters, digits, periods and underscores.", nameof(username));
        }

        var fields = $"business_discovery.username({username}){{id,username,{UserFields}}}";
        return CallAsync(account, userId, BusinessDiscovery, async call =>
        {
            var got = await GetAsync(call, BusinessDiscovery, $"{Escape(userId)}?fields={Escape(fields)}", cancellationToken).ConfigureAwait(false);
            return got.Failure switch
            {
                NotFound => new NotFound($"Instagram professional account @{username}"),
                { } failure => ConnectorOutcomes.Relay<InstagramBusinessAccount>(failure),
                _ => Mapped(() =>
                {
                    var found = got.Body.Object("business_discovery");
                    return new InstagramBusinessAccount(
                        found.String("id"),
                        found.String("username"),
                        MapProfile(found, _clock.GetCurrentInstant()),
                        found.OptionalUri("website"),
                        found.OptionalUri("profile_picture_url"));
                }),
            };
        }, cancellationToken);
    }

    private static string CheckAccount(ConnectedAccount account)
    {
        ConnectorArguments.CheckAccount(account, Platform.Instagram);
        return string.IsNullOrWhiteSpace(account.ExternalId)
            ? throw new ArgumentException("account: the Instagram connector names the account by its Instagram user id, ExternalId, which is missing.", nameof(account))
            : account.ExternalId;
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);

    private static ConnectorResult<T> Mapped<T>(Func<T> map)
    {
        try
        {
            return ConnectorResult<T>.Success(map());
        }
        catch (MalformedResponseException malformed)
        {
            return malformed.ToResult();
        }
    }

    private async ValueTask<ConnectorResult<T>> FetchAsync<T>(Call call, string endpoint, string pathAndQuery, Func<JsonAt, T> map, CancellationToken cancellationToken)
    {
        var got = await GetAsync(call, endpoint, pathAndQuery, cancellationToken).ConfigureAwait(false);
        return got.Failure is { } failure ? ConnectorOutcomes.Relay<T>(failure) : Mapped(() => map(got.Body));
    }

    private async IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsCoreAsync(ConnectedAccount account, string userId, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every cursor of the listing, so that one leading back to a page already listed ends it rather than going round.
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var after = cursor;
            if (after is not null)
            {
                cursors.Add(after);
            }

            var query = string.Create(CultureInfo.InvariantCulture, $"{Escape(userId)}/media?fields={MediaFields}&limit={_pageSize}") + (after is null ? "" : "&after=" + Escape(after));
            var page = await CallAsync(account, userId, Media, call => FetchAsync(call, Media, query, body => MapPage(body, cursors), cancellationToken), cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.TryPickT0(out var posts, out _) || posts.NextCursor is null)
            {
                yield break;
            }

            cursor = posts.NextCursor;
        }
    }

    private async ValueTask<ConnectorResult<Audience>> AudienceAsync(Call call, CancellationToken cancellationToken)
    {
        var age = await BreakdownAsync(call, "age", AgeBucketOf, cancellationToken).ConfigureAwait(false);
        if (!age.TryPickT0(out var ages, out _))
        {
            return ConnectorOutcomes.Relay<Audience>(age.Value);
        }

        var gender = await BreakdownAsync(call, "gender", GenderOf, cancellationToken).ConfigureAwait(false);
        if (!gender.TryPickT0(out var genders, out _))
        {
            return ConnectorOutcomes.Relay<Audience>(gender.Value);
        }

        var country = await BreakdownAsync(call, "country", CountryOf, cancellationToken).ConfigureAwait(false);
        if (!country.TryPickT0(out var countries, out _))
        {
            return ConnectorOutcomes.Relay<Audience>(country.Value);
        }

        return ages.Value is null && genders.Value is null && countries.Value is null
            ? Audience.Unknown
            : new Audience { Age = ages.Value, Gender = genders.Value, Countries = countries.Value };
    }

    // One breakdown of the follower demographics; null when the platform gives none (fewer than 100 followers).
    private async ValueTask<ConnectorResult<Reported<Distribution<TKey>>>> BreakdownAsync<TKey>(Call call, string breakdown, Func<string, TKey?> bucketOf, CancellationToken cancellationToken)
        where TKey : class
    {
        var got = await GetAsync(call, UserInsights, $"{Escape(call.UserId)}/insights?metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown={breakdown}", cancellationToken).ConfigureAwait(false);
        if (got.Error?.Code == NotEnoughData)
        {
            return new Reported<Distribution<TKey>>(null);
        }

        return got.Failure is { } failure
            ? ConnectorOutcomes.Relay<Reported<Distribution<TKey>>>(failure)
            : Mapped(() => new Reported<Distribution<TKey>>(MapBreakdown(got.Body, bucketOf)));
    }

    internal static Distribution<TKey>? MapBreakdown<TKey>(JsonAt body, Func<string, TKey?> bucketOf)
        where TKey : class
    {
        var weights = new List<KeyValuePair<TKey, double>>();
        foreach (var metric in body.Array("data").Items())
        {
            if (metric.String("name") != "follower_demographics")
            {
                continue;
            }

            foreach (var breakdown in metric.Object("total_value").Optional("breakdowns")?.Items() ?? [])
            {
                foreach (var result in breakdown.Array("results").Items())
                {
                    var value = First(result.Array("dimension_values"));
                    var key = value?.Value.ValueKind == System.Text.Json.JsonValueKind.String ? body.Secrets.Redact(value.Value.Value.GetString()!) : "";
                    var bucket = bucketOf(key) ?? throw MalformedResponseException.At(At(result, "dimension_values[0]"), $"'{key}' is not a bucket the connector knows.");
                    weights.Add(KeyValuePair.Create(bucket, (double)(result.OptionalCount("value") ?? throw MalformedResponseException.At($"{result.Path}.value", "a count is required."))));
                }
            }
        }

        // The platform gives the 45 largest buckets of each breakdown, in counts of followers: their shares are of those.
        var merged = weights.GroupBy(pair => pair.Key).Select(group => KeyValuePair.Create(group.Key, group.Sum(pair => pair.Value))).ToArray();
        if (merged.Length == 0)
        {
            return null;
        }

        try
        {
            return Distribution.Normalize(merged);
        }
        catch (DomainValidationException invalid)
        {
            throw MalformedResponseException.At(At(body, "data"), invalid.Errors[0].Message);
        }
    }

    internal static AgeBucket? AgeBucketOf(string key) => key switch
    {
        "13-17" => AgeBucket.From13To17,
        "18-24" => AgeBucket.From18To24,
        "25-34" => AgeBucket.From25To34,
        "35-44" => AgeBucket.From35To44,
        "45-54" => AgeBucket.From45To54,
        "55-64" or "65+" => AgeBucket.From55,
        _ => null,
    };

    private static AudienceGender? GenderOf(string key) => key switch
    {
        "F" => AudienceGender.Female,
        "M" => AudienceGender.Male,
        "U" => AudienceGender.Other,
        _ => null,
    };

    private static Country? CountryOf(string key) => Country.TryFromCode(key, out var country) ? country : null;

    private async ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> MetricsAsync(Call call, string[] ids, CancellationToken cancellationToken)
    {
        var found = new List<PostMetrics>(ids.Length);
        foreach (var id in ids)
        {
            var media = await GetAsync(call, Media, $"{Escape(id)}?fields={MediaFields}", cancellationToken).ConfigureAwait(false);
            if (media.Failure is NotFound)
            {
                continue;
            }

            if (media.Failure is { } failure)
            {
                return ConnectorOutcomes.Relay<IReadOnlyList<PostMetrics>>(failure);
            }

            var described = Mapped(() => Describe(media.Body, id));
            if (!described.TryPickT0(out var post, out _))
            {
                return ConnectorOutcomes.Relay<IReadOnlyList<PostMetrics>>(described.Value);
            }

            JsonAt? insights = null;
            if (post.Metrics is { } metrics && !(post.Kind == PostKind.Story && _clock.GetCurrentInstant() - post.PostedAt >= StoryInsightsLifetime))
            {
                var got = await GetAsync(call, MediaInsights, $"{Escape(id)}/insights?metric={metrics}", cancellationToken).ConfigureAwait(false);
                if (got.Failure is NotFound)
                {
                    continue;
                }

                // Too few viewers for insights: not reported, so the numbers stay null.
                if (got.Failure is { } insightsFailure && got.Error?.Code != NotEnoughData)
                {
                    return ConnectorOutcomes.Relay<IReadOnlyList<PostMetrics>>(insightsFailure);
                }

                insights = got.Failure is null ? got.Body : null;
            }

            var snapshot = Mapped(() => MapMetrics(post, media.Body, insights, _clock.GetCurrentInstant()));
            if (!snapshot.TryPickT0(out var numbers, out _))
            {
                return ConnectorOutcomes.Relay<IReadOnlyList<PostMetrics>>(snapshot.Value);
            }

            found.Add(numbers);
        }

        return found;
    }

    private static MediaPost Describe(JsonAt media, string asked)
    {
        var id = SameId(media, asked);
        var product = media.OptionalString("media_product_type");
        var type = media.OptionalString("media_type");
        var (kind, metrics) = (product, type) switch
        {
            ("REELS", _) => (PostKind.Video, ReelMetrics),
            ("STORY", _) => (PostKind.Story, StoryMetrics),

            // An ad's insights are the ads API's, and a type the connector does not know has none it can ask for.
            ("AD", "VIDEO") => (PostKind.Video, (string?)null),
            ("AD", _) => (PostKind.Static, (string?)null),
            (_, "VIDEO") => (PostKind.Video, FeedMetrics),
            (_, "IMAGE" or "CAROUSEL_ALBUM") => (PostKind.Static, FeedMetrics),
            _ => (PostKind.Static, (string?)null),
        };
        return new MediaPost(id, kind, Timestamp(media, "timestamp"), metrics);
    }

    private static PostMetrics MapMetrics(MediaPost post, JsonAt media, JsonAt? insights, Instant now)
    {
        var values = new Dictionary<string, JsonAt>(StringComparer.Ordinal);
        foreach (var metric in insights?.Array("data").Items() ?? [])
        {
            // A metric given twice has no one value to take.
            var name = metric.String("name");
            if (!values.TryAdd(name, metric))
            {
                throw MalformedResponseException.At(At(metric, "name"), $"'{name}' came twice.");
            }
        }

        long? Count(string name) => values.TryGetValue(name, out var metric) ? MetricValue(metric) : null;
        var watchMilliseconds = Count("ig_reels_avg_watch_time");
        if (watchMilliseconds > MaxAverageWatchTime.TotalMilliseconds)
        {
            // Not a reel's average watch time, and beyond what a Duration holds once large enough.
            throw MalformedResponseException.At(ValuePath(values["ig_reels_avg_watch_time"]), $"an average watch time is at most a day in milliseconds, got {watchMilliseconds}.");
        }

        var metrics = new PostMetrics
        {
            PostId = post.Id,
            Platform = Platform.Instagram,
            Kind = post.Kind,
            PostedAt = post.PostedAt,
            CapturedAt = now,
            Views = Count("views"),
            Reach = Count("reach"),
            Likes = Count("likes") ?? media.OptionalCount("like_count"),
            Comments = Count("comments") ?? media.OptionalCount("comments_count"),
            Shares = Count("shares"),
            Saves = Count("saved"),
            AverageViewTime = watchMilliseconds is { } milliseconds ? Duration.FromMilliseconds(milliseconds) : null,
        };
        if (metrics.Validate() is [var error, ..])
        {
            // Only the times and the id can break a rule here: every count was read as zero or more.
            var source = error.Field is nameof(PostMetrics.PostId) ? "id" : "timestamp";
            throw MalformedResponseException.At(At(media, source), $"{error.Message} ({error.Code})");
        }

        return metrics;
    }

    // Where MetricValue reads a metric's value from.
    private static string ValuePath(JsonAt metric) => metric.Optional("total_value") is { } total ? At(total, "value") : At(metric, "values[0].value");

    // A metric's value: lifetime metrics give values[0].value, newer ones total_value.value.
    private static long? MetricValue(JsonAt metric)
    {
        if (metric.Optional("total_value") is { } total)
        {
            return total.OptionalCount("value");
        }

        return metric.Optional("values") is { } values && First(values) is { } first ? first.OptionalCount("value") : null;
    }

    private static JsonAt? First(JsonAt array) => array.Value.ValueKind == System.Text.Json.JsonValueKind.Array ? array.Items().Select(item => (JsonAt?)item).FirstOrDefault() : null;

    private static string At(JsonAt parent, string name) => parent.Path.Length == 0 ? name : $"{parent.Path}.{name}";

    private static string SameId(JsonAt media, string asked)
    {
        var id = media.String("id");
        return string.Equals(id, asked, StringComparison.Ordinal)
            ? id
            : throw MalformedResponseException.At(At(media, "id"), $"'{id}' is not the media asked for.");
    }

    private static PlatformProfile MapProfile(JsonAt user, Instant now)
    {
        var username = user.String("username");
        var name = user.OptionalString("name");
        var biography = user.OptionalString("biography");
        var stats = user.FollowerStats("followers_count", now);
        return new PlatformProfile(
            string.IsNullOrEmpty(name) ? username : name,
            string.IsNullOrEmpty(biography) ? null : biography,
            stats,
            user.OptionalCount("follows_count"),
            Likes: null,
            user.OptionalCount("media_count"),
            Verified: null);
    }

    private static PostPage MapPage(JsonAt body, HashSet<string> listed)
    {
        var posts = body.Array("data").Items().Select(media => new PlatformPost(
            media.String("id"),
            Timestamp(media, "timestamp"),
            Caption(media),
            media.OptionalUri("permalink"))).ToArray();

        // paging.next is only looked at, never read: the Graph API puts the access token in it.
        if (body.Optional("paging") is not { } paging || paging.Optional("next") is null)
        {
            return new PostPage(posts, null);
        }

        var after = paging.Object("cursors").String("after");
        if (after.Length == 0 || listed.Contains(after))
        {
            throw MalformedResponseException.At($"{paging.Path}.cursors.after", "the cursor does not lead past the page asked for while paging.next is given.");
        }

        return new PostPage(posts, after);
    }

    private static string? Caption(JsonAt media) => media.OptionalString("caption") is { Length: > 0 } caption ? caption : null;

    // The Graph API writes times as ISO 8601 with an offset without a colon: 2026-11-30T12:00:00+0000.
    private static Instant Timestamp(JsonAt item, string name)
    {
        var text = item.String(name);
        foreach (var pattern in TimestampPatterns)
        {
            if (pattern.Parse(text).ToInstant() is { } instant)
            {
                return instant;
            }
        }

        throw MalformedResponseException.At(At(item, name), $"'{text}' is not a time such as 2026-11-30T12:00:00+0000.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._]{1,30}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    /// <summary>A media's kind, posting time and the insights to ask of it (none for an ad or an unknown type).</summary>
    private sealed record MediaPost(string Id, PostKind Kind, Instant PostedAt, string? Metrics);

    /// <summary>A value the platform may not report: null is "not reported".</summary>
    private sealed record Reported<T>(T? Value)
        where T : class;
}

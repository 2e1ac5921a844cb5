using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Connectors.YouTube;

/// <summary>
/// The <see cref="IPlatformConnector"/> for YouTube, over the YouTube Data API v3 (<c>channels.list</c>,
/// <c>playlistItems.list</c> over the channel's uploads playlist, <c>videos.list</c>) and the YouTube Analytics API
/// (<c>reports.query</c>) for the audience. An account whose creator authorised the application is read with the
/// creator's OAuth tokens from the <see cref="IConnectorTokenStore{TTokens}"/> of <see cref="YouTubeTokens"/>,
/// refreshed when they expire; any other account (one the store has no tokens for) with the application's API key,
/// by its channel id, for its public data only.
/// </summary>
/// <remarks>
/// <para>
/// Every Data API call costs quota units (1 for each method used here) against the project's daily quota, which
/// YouTube resets at midnight Pacific time. The connector counts the units it spends, retries included, against
/// <see cref="YouTubeConnectorOptions.DailyQuota"/>: a call that would go over sends nothing and returns
/// <see cref="RateLimited"/> until the reset, as does YouTube's own <c>quotaExceeded</c>, after which nothing more is
/// sent that day.
/// </para>
/// <para>
/// A channel that hides its subscriber count gives a profile without <see cref="PlatformProfile.Stats"/>, never zero
/// followers; likes and comments that the owner hid are null. YouTube gives no share count and no way to tell a Short
/// from a long video (docs/connectors.md says what is and is not known), so every post is a <see cref="PostKind.Video"/>.
/// </para>
/// <para>
/// Token expiry and the quota's day are read from the injected <see cref="IClock"/>. Tokens, the API key and the
/// client secret are never logged nor put in a result or exception, even when Google echoes them back, in any field or
/// encoding.
/// </para>
/// </remarks>
public sealed partial class YouTubeConnector : IPlatformConnector
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddYouTubeConnector</c> registers, for adding handlers to it.</summary>
    public const string HttpClientName = "CreatorMarketplace.Connectors.YouTube";

    /// <summary>The quota units each Data API method used here costs, as YouTube documents them.</summary>
    public const int UnitsPerCall = 1;

    // The parts asked of each method: the fewest that give what the port needs.
    private static readonly Endpoint Channels = new("channels.list", "channels?part=snippet,statistics,contentDetails", UnitsPerCall);
    private static readonly Endpoint PlaylistItems = new("playlistItems.list", "playlistItems?part=snippet,contentDetails", UnitsPerCall);
    private static readonly Endpoint VideoMetrics = new("videos.list", "videos?part=snippet,statistics,contentDetails", UnitsPerCall);
    private static readonly Endpoint VideoCheck = new("videos.list", "videos?part=snippet,status,paidProductPlacementDetails", UnitsPerCall);
    private static readonly Endpoint Reports = new("reports.query", "reports?ids=channel%3D%3DMINE", 0);
    private static readonly Endpoint Token = new("token", "", 0);

    // How many days, today included, the audience reports cover: YouTube Studio's default period.
    private const int AudienceDays = 28;

    // Where each PostMetrics field came from, to name the JSON path when a snapshot breaks a rule.
    private static readonly Dictionary<string, string> MetricSources = new(StringComparer.Ordinal)
    {
        [nameof(PostMetrics.PostId)] = "id",
        [nameof(PostMetrics.PostedAt)] = "snippet.publishedAt",
        [nameof(PostMetrics.CapturedAt)] = "snippet.publishedAt",
        [nameof(PostMetrics.Views)] = "statistics.viewCount",
        [nameof(PostMetrics.Likes)] = "statistics.likeCount",
        [nameof(PostMetrics.Comments)] = "statistics.commentCount",
    };

    private readonly ConnectorExchange _exchange;
    private readonly IConnectorTokenStore<YouTubeTokens>? _tokenStore;
    private readonly IClock _clock;
    private readonly ILogger _logger; // only ever written to through a RedactingLogger
    private readonly YouTubeState _state;
    private readonly Uri _dataApi;
    private readonly Uri _analytics;
    private readonly Uri _tokenEndpoint;
    private readonly string _apiKey;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly bool _canRefresh;
    private readonly Secrets _secrets;
    private readonly int _pageSize;
    private readonly Duration _refreshMargin;

    /// <summary>
    /// Creates a connector with its own count of the daily quota. Keep one per application: connectors made this way
    /// do not share their counts. (Registered with <c>AddYouTubeConnector</c>, connectors share one count and get the
    /// resilience handler.)
    /// </summary>
    /// <param name="httpClient">Sends the requests; its base address is not used.</param>
    /// <param name="tokenStore">The creators' tokens; null when every account is read with the API key.</param>
    /// <param name="options">The credentials, addresses and limits; checked here.</param>
    /// <param name="clock">Now, for token expiry, the quota's day and when numbers were captured.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public YouTubeConnector(
        HttpClient httpClient,
        IConnectorTokenStore<YouTubeTokens>? tokenStore,
        YouTubeConnectorOptions options,
        IClock clock,
        ILogger<YouTubeConnector>? logger = null)
        : this(httpClient, tokenStore, options, clock, logger, state: null)
    {
    }

    internal YouTubeConnector(
        HttpClient httpClient,
        IConnectorTokenStore<YouTubeTokens>? tokenStore,
        YouTubeConnectorOptions options,
        IClock clock,
        ILogger<YouTubeConnector>? logger,
        YouTubeState? state)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _exchange = new ConnectorExchange(httpClient, clock, "YouTube");
        _tokenStore = tokenStore;
        _clock = clock;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _state = state ?? new YouTubeState(options.DailyQuota);
        _dataApi = ConnectorExchange.Folder(options.DataApiAddress);
        _analytics = ConnectorExchange.Folder(options.AnalyticsAddress);
        _tokenEndpoint = options.TokenEndpoint;
        _apiKey = options.ApiKey;
        _clientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        _canRefresh = options.HasOAuthClient;
        _secrets = new Secrets(options.ClientSecret);
        _secrets.Add(options.ApiKey);
        _pageSize = options.PageSize;
        _refreshMargin = Duration.FromTimeSpan(options.RefreshMargin);
    }

    /// <inheritdoc />
    public Platform Platform => Platform.YouTube;

    /// <summary>50: <c>videos.list</c> takes at most 50 ids.</summary>
    public int MaxPostsPerMetricsCall => YouTubeConnectorOptions.YouTubeMaxResults;

    /// <summary>
    /// Fetches the channel from <c>channels.list</c>: its title, description (null when empty), subscribers into
    /// <see cref="AccountStats"/> (no stats at all when the channel hides its subscriber count) and its video count.
    /// YouTube does not report following, total likes or verification: they stay null.
    /// </summary>
    /// <param name="account">A YouTube account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile, or why not (<see cref="NotFound"/> when YouTube lists no such channel).</returns>
    /// <exception cref="ArgumentException">The account is not a YouTube account.</exception>
    public ValueTask<ConnectorResult<PlatformProfile>> GetProfileAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        return CallAsync<PlatformProfile>(account, Channels, ChannelQuery, (root, now) => MapProfile(Channel(root, account), now), cancellationToken);
    }

    /// <summary>
    /// Fetches the channel's viewers of the last 28 days from the YouTube Analytics API: age and gender from
    /// <c>viewerPercentage</c> by <c>ageGroup,gender</c>, countries from <c>views</c> by <c>country</c>. Viewers, not
    /// subscribers: YouTube reports no demographics of subscribers. An account read with the API key, or whose token
    /// lacks the Analytics scope (403), gives <see cref="Audience.Unknown"/>, as does a report without rows.
    /// </summary>
    /// <param name="account">A YouTube account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audience, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not a YouTube account.</exception>
    public async ValueTask<ConnectorResult<Audience>> GetAudienceAsync(ConnectedAccount account, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        if (_tokenStore is null || await _tokenStore.GetAsync(account, cancellationToken).ConfigureAwait(false) is null)
        {
            // The Analytics API answers only the channel's owner: an API key reads no audience.
            return Audience.Unknown;
        }

        // Analytics reports days in Pacific time, as the quota.
        var today = _clock.GetCurrentInstant().InZone(YouTubeQuota.Pacific).Date;
        var period = string.Create(CultureInfo.InvariantCulture, $"&startDate={LocalDatePattern.Iso.Format(today.PlusDays(1 - AudienceDays))}&endDate={LocalDatePattern.Iso.Format(today)}");
        var demographics = await CallAsync<Audience>(
            account,
            Reports,
            credential => Get(_analytics, Reports, period + "&metrics=viewerPercentage&dimensions=ageGroup%2Cgender", credential),
            (root, _) => MapDemographics(root),
            cancellationToken,
            whenForbidden: Audience.Unknown).ConfigureAwait(false);
        if (!demographics.TryPickT0(out var audience, out _) || audience.Age is null)
        {
            // A failure, no Analytics scope, or too few viewers for a report: nothing more to ask.
            return demographics;
        }

        var countries = await CallAsync<Audience>(
            account,
            Reports,
            credential => Get(_analytics, Reports, period + "&metrics=views&dimensions=country&sort=-views", credential),
            (root, _) => audience with { Countries = MapCountries(root) },
            cancellationToken,
            whenForbidden: audience).ConfigureAwait(false);
        return countries;
    }

    /// <summary>
    /// Lists the channel's uploads: the uploads playlist from <c>channels.list</c>, then its items from
    /// <c>playlistItems.list</c>, <see cref="YouTubeConnectorOptions.PageSize"/> a page, following YouTube's
    /// <c>nextPageToken</c> (the cursor) until there is none.
    /// </summary>
    /// <param name="account">A YouTube account.</param>
    /// <param name="cursor">Null for the newest posts, or a <see cref="PostPage.NextCursor"/> this connector gave.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages; the listing ends after the last page or the first failure.</returns>
    /// <exception cref="ArgumentException">The account is not a YouTube account, or the cursor is not a page token.</exception>
    public IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsAsync(ConnectedAccount account, string? cursor, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        if (cursor is not null && (cursor.Length == 0 || !cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ArgumentException($"cursor: '{cursor}' is not a cursor that the YouTube connector gave.", nameof(cursor));
        }

        return ListPostsCoreAsync(account, cursor, cancellationToken);
    }

    /// <summary>
    /// Fetches the videos' numbers from <c>videos.list</c>: views, likes and comments (null when the owner hides them),
    /// each checked by <see cref="PostMetrics.Validate"/>. YouTube gives no shares, saves or reach: they stay null.
    /// </summary>
    /// <param name="account">A YouTube account.</param>
    /// <param name="postIds">At most 50 video ids; repeated ids are asked once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One snapshot per video YouTube returned, in the order asked, or why not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="postIds"/> is null.</exception>
    /// <exception cref="ArgumentException">The account is not a YouTube account, an id is blank, or there are more than 50.</exception>
    public ValueTask<ConnectorResult<IReadOnlyList<PostMetrics>>> GetPostMetricsAsync(ConnectedAccount account, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        return PostSnapshots.OfDistinctAsync(
            postIds,
            MaxPostsPerMetricsCall,
            "YouTube's videos.list",
            ids => CallAsync<IReadOnlyList<PostMetrics>>(
                account,
                VideoMetrics,
                credential => Get(_dataApi, VideoMetrics, "&id=" + Uri.EscapeDataString(string.Join(',', ids)), credential),
                (root, now) => MapMetrics(root, ids, now),
                cancellationToken));
    }

    /// <summary>
    /// Checks a video through <c>videos.list</c>: live when public, with its title and description as the caption, and
    /// <c>paidProductPlacementDetails.hasPaidProductPlacement</c> as the branded-content flag (null when YouTube does
    /// not give it); <see cref="NotFound"/> when YouTube no longer lists it.
    /// </summary>
    /// <param name="account">A YouTube account.</param>
    /// <param name="postId">The video id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What YouTube shows now, or why not.</returns>
    /// <exception cref="ArgumentException">The account is not a YouTube account, or the id is blank.</exception>
    public ValueTask<ConnectorResult<PostCheck>> VerifyPostAsync(ConnectedAccount account, string postId, CancellationToken cancellationToken)
    {
        CheckAccount(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(postId);

        return CallAsync(
            account,
            VideoCheck,
            credential => Get(_dataApi, VideoCheck, "&id=" + Uri.EscapeDataString(postId), credential),
            (root, now) => MapCheck(root, postId, now),
            cancellationToken);
    }

    private static void CheckAccount(ConnectedAccount account) => ConnectorArguments.CheckAccount(account, Platform.YouTube);

    private async IAsyncEnumerable<ConnectorResult<PostPage>> ListPostsCoreAsync(ConnectedAccount account, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uploads = await CallAsync<string>(
            account,
            Channels,
            ChannelQuery,
            (root, _) => Channel(root, account).Object("contentDetails").Object("relatedPlaylists").String("uploads"),
            cancellationToken).ConfigureAwait(false);
        if (!uploads.TryPickT0(out var playlist, out var failed))
        {
            yield return ConnectorOutcomes.Relay<PostPage>(failed.Value);
            yield break;
        }

        // Every token of the listing, so that one leading back to a page already listed ends it rather than going round.
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var asked = cursor;
            if (asked is not null)
            {
                tokens.Add(asked);
            }

            var query = string.Create(CultureInfo.InvariantCulture, $"&playlistId={Uri.EscapeDataString(playlist)}&maxResults={_pageSize}")
                + (asked is null ? "" : "&pageToken=" + Uri.EscapeDataString(asked));
            var page = await CallAsync<PostPage>(
                account,
                PlaylistItems,
                credential => Get(_dataApi, PlaylistItems, query, credential),
                (root, _) => MapPage(root, asked, tokens),
                cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.TryPickT0(out var posts, out _) || posts.NextCursor is null)
            {
                yield break;
            }

            cursor = posts.NextCursor;
        }
    }

    // The owner's channel with its tokens; any channel by its id with the API key.
    private HttpRequestMessage ChannelQuery(Credential credential) =>
        Get(_dataApi, Channels, credential.Tokens is not null ? "&mine=true" : "&id=" + Uri.EscapeDataString(credential.ChannelId ?? ""), credential);

    private static JsonAt Channel(JsonAt root, ConnectedAccount account) =>
        root.Optional("items") is not null && root.Array("items") is var list && list.Value.GetArrayLength() > 0
            ? list.Items().First()
            : throw new ChannelNotFoundException(account.ExternalId is { } id ? $"channel {id}" : $"the channel of {account.Handle}");

    private static PlatformProfile MapProfile(JsonAt channel, Instant now)
    {
        var snippet = channel.Object("snippet");
        var title = snippet.String("title");
        var description = snippet.OptionalString("description");
        var statistics = channel.Object("statistics");
        var videos = statistics.OptionalCountText("videoCount");
        AccountStats? stats = null;
        if (statistics.OptionalBoolean("hiddenSubscriberCount") != true)
        {
            var subscribers = statistics.OptionalCountText("subscriberCount")
                ?? throw MalformedResponseException.At($"{statistics.Path}.subscriberCount", "is missing while hiddenSubscriberCount is not true.");
            stats = AccountStats.Create(now, subscribers);
        }

        return new PlatformProfile(title, string.IsNullOrEmpty(description) ? null : description, stats, Following: null, Likes: null, videos, Verified: null);
    }

    private static PostPage MapPage(JsonAt root, string? asked, HashSet<string> listed)
    {
        var posts = root.Array("items").Items().Select(item =>
        {
            var snippet = item.Object("snippet");
            var details = item.Object("contentDetails");
            var id = details.String("videoId");
            return new PlatformPost(
                id,
                details.OptionalRfc3339("videoPublishedAt") ?? snippet.Rfc3339("publishedAt"),
                Caption(snippet),
                new Uri("https://www.youtube.com/watch?v=" + Uri.EscapeDataString(id)));
        }).ToArray();
        var next = root.OptionalString("nextPageToken");
        if (string.IsNullOrEmpty(next))
        {
            return new PostPage(posts, null);
        }

        // A token that does not move or leads back, or one the connector could not take back as a cursor, would list the same pages for ever.
        if (listed.Contains(next) || !next.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw MalformedResponseException.At("nextPageToken", $"'{next}' does not lead past the page asked for ({asked ?? "the first"}).");
        }

        return new PostPage(posts, next);
    }

    // The owner can hide likes (and turn comments off): those counts are then absent, not zero.
    private static PostMetrics[] MapMetrics(JsonAt root, string[] asked, Instant now) =>
        PostSnapshots.InOrderAsked(
            root.Array("items").Items(),
            asked,
            (video, id) => new PostMetrics
            {
                PostId = id,
                Platform = Platform.YouTube,
                Kind = PostKind.Video,
                PostedAt = video.Object("snippet").Rfc3339("publishedAt"),
                CapturedAt = now,
                Views = video.Object("statistics").OptionalCountText("viewCount"),
                Likes = video.Object("statistics").OptionalCountText("likeCount"),
                Comments = video.Object("statistics").OptionalCountText("commentCount"),
            },
            MetricSources);

    private static ConnectorResult<PostCheck> MapCheck(JsonAt root, string postId, Instant now) =>
        PostSnapshots.Check(root.Array("items").Items(), postId, video =>
        {
            var status = video.Object("status");
            var live = status.String("privacyStatus") == "public" && status.OptionalString("uploadStatus") is null or "processed" or "uploaded";
            var placement = video.Optional("paidProductPlacementDetails")?.OptionalBoolean("hasPaidProductPlacement");
            return new PostCheck(postId, live, Caption(video.Object("snippet")), placement, now);
        });

    // The title, then the description: together they are what a viewer reads as the video's caption.
    private static string? Caption(JsonAt snippet)
    {
        var parts = new[] { snippet.OptionalString("title"), snippet.OptionalString("description") }.Where(part => !string.IsNullOrEmpty(part)).ToArray();
        return parts.Length == 0 ? null : string.Join("\n\n", parts);
    }

    private static Audience MapDemographics(JsonAt root)
    {
        var ages = new Dictionary<AgeBucket, double>();
        var genders = new Dictionary<AudienceGender, double>();
        foreach (var (row, cells) in Rows(root, "ageGroup", "gender", "viewerPercentage"))
        {
            var age = AgeOf(Text(cells[0], row, 0), row, 0);
            var gender = GenderOf(Text(cells[1], row, 1), row, 1);
            var share = Percentage(cells[2], row, 2);
            ages[age] = ages.GetValueOrDefault(age) + share;
            genders[gender] = genders.GetValueOrDefault(gender) + share;
        }

        // Google rounds each percentage: normalised, so that the shares sum to 1.
        return ages.Values.Sum() > 0
            ? Audience.Unknown with { Age = Distribution.Normalize(ages), Gender = Distribution.Normalize(genders) }
            : Audience.Unknown;
    }

    private static Distribution<Country>? MapCountries(JsonAt root)
    {
        var views = new Dictionary<Country, double>();
        foreach (var (row, cells) in Rows(root, "country", "views"))
        {
            // "ZZ" is YouTube's unknown region; it and any code the library does not know are left out.
            if (Country.TryFromCode(Text(cells[0], row, 0), out var country))
            {
                views[country] = views.GetValueOrDefault(country) + Percentage(cells[1], row, 1);
            }
        }

        return views.Values.Sum() > 0 ? Distribution.Normalize(views) : null;
    }

    /// <summary>
    /// The rows of a <c>youtubeAnalytics#resultTable</c>, <c>{"columnHeaders": [{"name": …}], "rows": [[…]]}</c>, each
    /// with its path and its cells in the order of <paramref name="columns"/>.
    /// </summary>
    private static IEnumerable<(string Path, JsonElement[] Cells)> Rows(JsonAt root, params string[] columns)
    {
        var names = root.Array("columnHeaders").Items().Select(header => header.String("name")).ToList();
        var positions = columns.Select(column => names.IndexOf(column) is var at and >= 0
            ? at
            : throw MalformedResponseException.At("columnHeaders", $"has no column '{column}'.")).ToArray();
        if (root.Optional("rows") is null)
        {
            // A channel with too few viewers gets a report without rows.
            yield break;
        }

        foreach (var row in root.Array("rows").Items())
        {
            if (row.Value.ValueKind != JsonValueKind.Array || row.Value.GetArrayLength() != names.Count)
            {
                throw MalformedResponseException.At(row.Path, $"a row holds one cell per column ({names.Count}).");
            }

            yield return (row.Path, positions.Select(position => row.Value[position]).ToArray());
        }
    }

    private static AgeBucket AgeOf(string group, string row, int cell) => group switch
    {
        "age13-17" => AgeBucket.From13To17,
        "age18-24" => AgeBucket.From18To24,
        "age25-34" => AgeBucket.From25To34,
        "age35-44" => AgeBucket.From35To44,
        "age45-54" => AgeBucket.From45To54,
        "age55-64" or "age65-" => AgeBucket.From55,
        _ => throw MalformedResponseException.At($"{row}[{cell}]", $"'{group}' is not one of YouTube's age groups."),
    };

    private static AudienceGender GenderOf(string gender, string row, int cell) => gender switch
    {
        "female" => AudienceGender.Female,
        "male" => AudienceGender.Male,
        "user_specified" or "genderUserSpecified" => AudienceGender.Other,
        _ => throw MalformedResponseException.At($"{row}[{cell}]", $"'{gender}' is not one of YouTube's genders."),
    };

    private static string Text(JsonElement cell, string row, int index) =>
        cell.ValueKind == JsonValueKind.String
            ? cell.GetString()!
            : throw MalformedResponseException.At($"{row}[{index}]", $"expected a string, got {JsonAt.Shown(cell)}.");

    private static double Percentage(JsonElement cell, string row, int index) =>
        cell.ValueKind == JsonValueKind.Number && cell.TryGetDouble(out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw MalformedResponseException.At($"{row}[{index}]", $"expected a number of zero or more, got {JsonAt.Shown(cell)}.");

    private sealed record Endpoint(string Name, string PathAndQuery, int Units);
}

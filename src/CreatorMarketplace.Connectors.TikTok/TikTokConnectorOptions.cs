namespace CreatorMarketplace.Connectors.TikTok;

/// <summary>How a <see cref="TikTokConnector"/> reaches TikTok: the application's credentials, the address, and its limits.</summary>
public sealed class TikTokConnectorOptions
{
    /// <summary>The most requests per minute that TikTok allows one application on one endpoint.</summary>
    public const int TikTokRequestsPerMinute = 600;

    /// <summary>The most videos TikTok's video list and video query endpoints return at once.</summary>
    public const int TikTokMaxVideosPerCall = 20;

    /// <summary>TikTok's API, <c>https://open.tiktokapis.com/</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://open.tiktokapis.com/");

    /// <summary>Where the API is; <see cref="DefaultBaseAddress"/> unless set (a test server, a proxy).</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The application's client key from TikTok's developer portal, sent when refreshing tokens. Required.</summary>
    public string ClientKey { get; set; } = "";

    /// <summary>The application's client secret, sent when refreshing tokens and never logged. Required.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// The connector's own budget of requests per endpoint in any sliding minute, from 1 to
    /// <see cref="TikTokRequestsPerMinute"/> (the default). Set it lower when several processes share the
    /// application's quota, each taking its part.
    /// </summary>
    public int RequestsPerMinute { get; set; } = TikTokRequestsPerMinute;

    /// <summary>How many posts each page of <see cref="TikTokConnector.ListPostsAsync"/> asks for, from 1 to 20 (the default).</summary>
    public int PageSize { get; set; } = TikTokMaxVideosPerCall;

    /// <summary>
    /// The longest wait the connector sits out by itself when TikTok answers "rate limit exceeded", before trying the
    /// call once more; a longer wait is handed to the caller as <see cref="RateLimited"/>. 5 seconds unless set, at
    /// most a minute; zero never waits.
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long before its expiry an access token is already refreshed, so that none expires in flight. 1 minute
    /// unless set, at most an hour (access tokens last 24 hours).
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks the options, naming every problem; never names the secret's value.</summary>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.RequireHttpAddress(BaseAddress, "baseAddress", "tiktok.base_address_invalid", "the base address is an absolute http or https address.");
        errors.Require(!string.IsNullOrWhiteSpace(ClientKey), "clientKey", "tiktok.client_key_missing", "the connector needs the application's client key.");
        errors.Require(!string.IsNullOrWhiteSpace(ClientSecret), "clientSecret", "tiktok.client_secret_missing", "the connector needs the application's client secret.");
        errors.RequireWithin(
            RequestsPerMinute,
            1,
            TikTokRequestsPerMinute,
            "requestsPerMinute",
            "tiktok.requests_per_minute_out_of_range",
            $"the request budget is 1 to {TikTokRequestsPerMinute} a minute (TikTok's limit), got {RequestsPerMinute}.");
        errors.RequireWithin(PageSize, 1, TikTokMaxVideosPerCall, "pageSize", "tiktok.page_size_out_of_range", $"a page holds 1 to {TikTokMaxVideosPerCall} posts, got {PageSize}.");
        errors.RequireUpTo(MaxRetryAfterWait, TimeSpan.FromMinutes(1), "maxRetryAfterWait", "tiktok.max_retry_after_wait_out_of_range", "the longest wait for a rate limit is zero to a minute.");
        errors.RequireUpTo(RefreshMargin, TimeSpan.FromHours(1), "refreshMargin", "tiktok.refresh_margin_out_of_range", "the refresh margin is zero to an hour.");
        errors.ThrowIfAny("options");
    }
}

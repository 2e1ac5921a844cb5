namespace CreatorMarketplace.Connectors.YouTube;

/// <summary>
/// How a <see cref="YouTubeConnector"/> reaches YouTube: the application's API key or OAuth client, the addresses, the
/// daily quota and the page size.
/// </summary>
public sealed class YouTubeConnectorOptions
{
    /// <summary>The quota units a Google Cloud project gets a day by default.</summary>
    public const int DefaultDailyQuota = 10_000;

    /// <summary>The most ids <c>videos.list</c> takes, and the most items a page of <c>playlistItems.list</c> holds.</summary>
    public const int YouTubeMaxResults = 50;

    private const string AddressRule = "the address is an absolute http or https address.";

    /// <summary>The YouTube Data API v3, <c>https://www.googleapis.com/youtube/v3/</c>.</summary>
    public static Uri DefaultDataApiAddress { get; } = new("https://www.googleapis.com/youtube/v3/");

    /// <summary>The YouTube Analytics API v2, <c>https://youtubeanalytics.googleapis.com/v2/</c>.</summary>
    public static Uri DefaultAnalyticsAddress { get; } = new("https://youtubeanalytics.googleapis.com/v2/");

    /// <summary>Google's OAuth token endpoint, <c>https://oauth2.googleapis.com/token</c>.</summary>
    public static Uri DefaultTokenEndpoint { get; } = new("https://oauth2.googleapis.com/token");

    /// <summary>Where the Data API is; <see cref="DefaultDataApiAddress"/> unless set (a test server, a proxy).</summary>
    public Uri DataApiAddress { get; set; } = DefaultDataApiAddress;

    /// <summary>Where the Analytics API is; <see cref="DefaultAnalyticsAddress"/> unless set.</summary>
    public Uri AnalyticsAddress { get; set; } = DefaultAnalyticsAddress;

    /// <summary>Where access tokens are refreshed; <see cref="DefaultTokenEndpoint"/> unless set.</summary>
    public Uri TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>
    /// The application's API key, for the public data of accounts without stored tokens (found by their channel id,
    /// <see cref="ConnectedAccount.ExternalId"/>); never logged. An API key or an OAuth client is required.
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The OAuth client's id, sent when refreshing tokens; set with <see cref="ClientSecret"/>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The OAuth client's secret, sent when refreshing tokens and never logged; set with <see cref="ClientId"/>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// The quota units the connector spends a day, from 1 to 1,000,000,000; <see cref="DefaultDailyQuota"/> unless set.
    /// Set it to the project's quota, or to this process's part of it when several share the project. The day ends at
    /// midnight Pacific time, when YouTube resets the quota.
    /// </summary>
    public int DailyQuota { get; set; } = DefaultDailyQuota;

    /// <summary>How many posts each page of <see cref="YouTubeConnector.ListPostsAsync"/> asks for, from 1 to 50 (the default).</summary>
    public int PageSize { get; set; } = YouTubeMaxResults;

    /// <summary>
    /// How long before its expiry an access token is already refreshed, so that none expires in flight. 1 minute
    /// unless set, at most 30 minutes (Google's access tokens last an hour).
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether an OAuth client is set, so that stored tokens can be refreshed.</summary>
    internal bool HasOAuthClient => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Checks the options, naming every problem; never names a key's or secret's value.</summary>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.RequireHttpAddress(DataApiAddress, "dataApiAddress", "youtube.data_api_address_invalid", AddressRule);
        errors.RequireHttpAddress(AnalyticsAddress, "analyticsAddress", "youtube.analytics_address_invalid", AddressRule);
        errors.RequireHttpAddress(TokenEndpoint, "tokenEndpoint", "youtube.token_endpoint_invalid", AddressRule);
        errors.Require(
            !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(ClientSecret),
            "apiKey",
            "youtube.credentials_missing",
            "the connector needs the application's API key, or its OAuth client id and secret, or both.");
        errors.Require(
            string.IsNullOrWhiteSpace(ClientId) == string.IsNullOrWhiteSpace(ClientSecret),
            string.IsNullOrWhiteSpace(ClientId) ? "clientId" : "clientSecret",
            "youtube.oauth_client_incomplete",
            "the OAuth client needs both its id and its secret.");
        errors.RequireWithin(DailyQuota, 1, 1_000_000_000, "dailyQuota", "youtube.daily_quota_out_of_range", $"the daily quota is 1 to 1,000,000,000 units, got {DailyQuota}.");
        errors.RequireWithin(PageSize, 1, YouTubeMaxResults, "pageSize", "youtube.page_size_out_of_range", $"a page holds 1 to {YouTubeMaxResults} posts, got {PageSize}.");
        errors.RequireUpTo(RefreshMargin, TimeSpan.FromMinutes(30), "refreshMargin", "youtube.refresh_margin_out_of_range", "the refresh margin is zero to 30 minutes.");
        errors.ThrowIfAny("options");
    }
}

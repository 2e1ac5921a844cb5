using System.Text.RegularExpressions;

namespace CreatorMarketplace.Connectors.Instagram;

/// <summary>How an <see cref="InstagramConnector"/> reaches the Instagram Graph API: the application's credentials, the address, the version and its limits.</summary>
public sealed partial class InstagramConnectorOptions
{
    /// <summary>The Graph API version asked for unless <see cref="ApiVersion"/> is set.</summary>
    public const string DefaultApiVersion = "v23.0";

    /// <summary>The most media one page of the Graph API's media edge holds.</summary>
    public const int GraphMaxPageSize = 100;

    /// <summary>The Graph API, <c>https://graph.facebook.com/</c> (the host of the Instagram API with Facebook Login).</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://graph.facebook.com/");

    /// <summary>Where the API is; <see cref="DefaultBaseAddress"/> unless set (a test server, a proxy).</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The Graph API version every path starts with, such as <c>v23.0</c>; <see cref="DefaultApiVersion"/> unless set.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>The Meta application's id (<c>client_id</c>), sent when exchanging a token for a new long-lived one. Required.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The Meta application's secret, sent when exchanging tokens and never logged. Required.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>How many media each page of <see cref="InstagramConnector.ListPostsAsync"/> asks for, from 1 to 100; 25 (the Graph API's own default) unless set.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>
    /// The connector's own guard: at most this many requests per account in any sliding minute, from 1 to 1,000; 100
    /// unless set. The platform's own limit is read from its usage headers.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 100;

    /// <summary>
    /// How long before its expiry a long-lived access token (60 days) is exchanged for a new one. 7 days unless set,
    /// zero to 30 days.
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Checks the options, naming every problem; never names the secret's value.</summary>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.RequireHttpAddress(BaseAddress, "baseAddress", "instagram.base_address_invalid", "the base address is an absolute http or https address.");
        errors.Require(
            ApiVersion is not null && VersionPattern().IsMatch(ApiVersion),
            "apiVersion",
            "instagram.api_version_invalid",
            "the Graph API version is written as v<major>.<minor>, such as v23.0.");
        errors.Require(!string.IsNullOrWhiteSpace(AppId), "appId", "instagram.app_id_missing", "the connector needs the application's id.");
        errors.Require(!string.IsNullOrWhiteSpace(AppSecret), "appSecret", "instagram.app_secret_missing", "the connector needs the application's secret.");
        errors.RequireWithin(PageSize, 1, GraphMaxPageSize, "pageSize", "instagram.page_size_out_of_range", $"a page holds 1 to {GraphMaxPageSize} media, got {PageSize}.");
        errors.RequireWithin(
            RequestsPerMinute,
            1,
            1000,
            "requestsPerMinute",
            "instagram.requests_per_minute_out_of_range",
            $"the request budget is 1 to 1000 a minute per account, got {RequestsPerMinute}.");
        errors.RequireUpTo(RefreshMargin, TimeSpan.FromDays(30), "refreshMargin", "instagram.refresh_margin_out_of_range", "the refresh margin is zero to 30 days.");
        errors.ThrowIfAny("options");
    }

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

using CreatorMarketplace.Creators;
using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

/// <summary>The Graph API's answers and paths on the fake platform.</summary>
public static class Graph
{
    public const string Version = "v23.0";
    public const string UserId = "17841400000000001";
    public const string User = "/" + Version + "/" + UserId;
    public const string MediaList = User + "/media";
    public const string UserInsights = User + "/insights";
    public const string Exchange = "/" + Version + "/oauth/access_token";

    public static string Media(string id) => $"/{Version}/{id}";

    public static string MediaInsights(string id) => $"/{Version}/{id}/insights";

    public static Answer Ok(object body) => Answer.Json(200, body);

    public static Answer Error(int status, long code, string message, long? subcode = null, string type = "OAuthException") =>
        Answer.Json(status, new { error = new { message, type, code, error_subcode = subcode, fbtrace_id = "AbCdEfTrace" } });

    public static Answer Profile(long followers = 12_500) => Ok(new
    {
        username = "jane.doe",
        name = "Jane Doe",
        biography = "Travel and food.",
        followers_count = followers,
        follows_count = 310,
        media_count = 128,
        profile_picture_url = "https://scontent.example/p.jpg",
        website = "https://jane.example/",
        id = UserId,
    });

    public static Answer MediaObject(string id, string productType, string mediaType, string timestamp, long? likes = 40, long? comments = 3) => Ok(new Dictionary<string, object?>
    {
        ["id"] = id,
        ["caption"] = "New post #ad",
        ["media_type"] = mediaType,
        ["media_product_type"] = productType,
        ["permalink"] = $"https://www.instagram.com/p/{id}/",
        ["timestamp"] = timestamp,
        ["like_count"] = likes,
        ["comments_count"] = comments,
    }.Where(pair => pair.Value is not null).ToDictionary());

    /// <summary>Media insights in the documented shape: one entry per metric, its lifetime value in values[0].value.</summary>
    public static Answer Insights(string mediaId, params (string Name, long Value)[] metrics) => Ok(new
    {
        data = metrics.Select(metric => new
        {
            name = metric.Name,
            period = "lifetime",
            values = new[] { new { value = metric.Value } },
            title = metric.Name,
            description = "",
            id = $"{mediaId}/insights/{metric.Name}/lifetime",
        }).ToArray(),
    });

    public static Answer Demographics(string breakdown, params (string Key, long Value)[] results) => Ok(new
    {
        data = new[]
        {
            new
            {
                name = "follower_demographics",
                period = "lifetime",
                title = "Follower demographics",
                description = "The demographic characteristics of followers.",
                total_value = new
                {
                    breakdowns = new[]
                    {
                        new
                        {
                            dimension_keys = new[] { breakdown },
                            results = results.Select(result => new { dimension_values = new[] { result.Key }, value = result.Value }).ToArray(),
                        },
                    },
                },
                id = $"{UserId}/insights/follower_demographics/lifetime",
            },
        },
    });

    public static Answer Renewed(string token) => Ok(new { access_token = token, token_type = "bearer", expires_in = 5_184_000 });
}

/// <summary>A creator's account, its token, the fake Graph API, the clock and a connector over them.</summary>
public abstract class InstagramTestBase : IDisposable
{
    // With the characters that URL, form and JSON encodings change.
    public const string AccessToken = "EAAG+Access/Token=1111aaaa";
    public const string NewAccessToken = "EAAG+Renewed/Token=2222bbbb";
    public const string AppSecret = "app secret+3333/*!";

    protected static IReadOnlyList<string> AllSecrets { get; } = [AccessToken, NewAccessToken, AppSecret];

    protected InstagramTestBase()
    {
        Account = new ConnectedAccount(EntityId.New<CreatorId>(Clock), new Handle(Platform.Instagram, "@jane.doe"), Graph.UserId);
        Tokens.Put(Account, new InstagramTokens(AccessToken, Now + Duration.FromDays(50)));
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    protected static Instant Now { get; } = Instant.FromUtc(2026, 11, 30, 12, 0);

    protected FakeClock Clock { get; } = new(Now);

    protected FakePlatform Instagram { get; } = FakePlatform.Start();

    protected MemoryTokenStore<InstagramTokens> Tokens { get; } = new();

    protected CapturingLoggerProvider Logs { get; } = new();

    protected ILoggerFactory LoggerFactory { get; }

    protected ConnectedAccount Account { get; }

    protected HttpClient Http { get; } = new();

    protected InstagramConnectorOptions Options(Action<InstagramConnectorOptions>? adjust = null)
    {
        var options = new InstagramConnectorOptions { BaseAddress = Instagram.BaseAddress, AppId = "app-id-1", AppSecret = AppSecret };
        adjust?.Invoke(options);
        return options;
    }

    protected InstagramConnector Connector(Action<InstagramConnectorOptions>? adjust = null) =>
        new(Http, Tokens, Options(adjust), Clock, LoggerFactory.CreateLogger<InstagramConnector>());

    protected ServiceProvider Register(Action<InstagramConnectorOptions>? adjust = null, bool withTokenStore = true)
    {
        var services = new ServiceCollection()
            .AddSingleton<IClock>(Clock)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (withTokenStore)
        {
            services.AddSingleton<IConnectorTokenStore<InstagramTokens>>(Tokens);
        }

        return services
            .AddCreatorMarketplace(builder => builder.UseInMemory().AddInstagramConnector(
                options =>
                {
                    options.BaseAddress = Instagram.BaseAddress;
                    options.AppId = "app-id-1";
                    options.AppSecret = AppSecret;
                    adjust?.Invoke(options);
                },
                options => options.Retry.Delay = TimeSpan.FromMilliseconds(20)))
            .BuildServiceProvider(validateScopes: true);
    }

    protected static string Iso(Instant instant) => instant.InUtc().ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+0000";

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Http.Dispose();
            Instagram.Dispose();
            LoggerFactory.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using CreatorMarketplace.Creators;
using Microsoft.Extensions.Logging;
using NodaTime.Testing;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

/// <summary>Keeps the headers of every request sent, which the fake platform does not record.</summary>
public sealed class HeaderCapture : DelegatingHandler
{
    private readonly ConcurrentQueue<(string Url, string? ApiKey)> _sent = new();

    public HeaderCapture()
        : base(new HttpClientHandler())
    {
    }

    public IReadOnlyList<(string Url, string? ApiKey)> Sent => _sent.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue((request.RequestUri!.ToString(), request.Headers.TryGetValues("X-Goog-Api-Key", out var keys) ? keys.Single() : null));
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The paths of Google's endpoints on the fake platform.</summary>
public static class FakeYouTube
{
    public const string Channels = "/youtube/v3/channels";
    public const string PlaylistItems = "/youtube/v3/playlistItems";
    public const string Videos = "/youtube/v3/videos";
    public const string Reports = "/v2/reports";
    public const string Token = "/token";
}

/// <summary>A creator's channel, its tokens, the fake Google, the clock and a connector over them.</summary>
public abstract class YouTubeTestBase : IDisposable
{
    // With the characters that URL, form and JSON encodings change.
    public const string AccessToken = "ya29.A+c/Access=Token1111";
    public const string RefreshToken = "1//R+f/Refresh=Token2222";
    public const string NewAccessToken = "ya29.N+a/Access=Token3333";
    public const string ApiKey = "AIzaSy+Key/With=Signs5555";
    public const string ClientSecret = "GOCSPX client secret+6666/*!";
    public const string ChannelId = "UC_x5XG1OV2P6uZZ5FSM9Ttw";
    public const string UploadsPlaylist = "UU_x5XG1OV2P6uZZ5FSM9Ttw";

    /// <summary>Every secret a test's connector may come to hold.</summary>
    protected static IReadOnlyList<string> AllSecrets { get; } = [AccessToken, RefreshToken, NewAccessToken, ApiKey, ClientSecret];

    /// <summary>The secrets a connector holds before any refresh.</summary>
    protected static IReadOnlyList<string> HeldSecrets { get; } = [AccessToken, RefreshToken, ApiKey, ClientSecret];

    protected YouTubeTestBase()
    {
        Account = new ConnectedAccount(EntityId.New<CreatorId>(Clock), new Handle(Platform.YouTube, "@janedoe"), ChannelId);
        Tokens.Put(Account, ValidTokens);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Http = new HttpClient(Headers);
    }

    /// <summary>Noon UTC, 04:00 in Los Angeles: the quota resets 20 hours later.</summary>
    protected static Instant Now { get; } = Instant.FromUtc(2026, 11, 30, 12, 0);

    protected static Instant NextPacificMidnight { get; } = Instant.FromUtc(2026, 12, 1, 8, 0);

    /// <summary>The token endpoint's answer to a refresh: <see cref="NewAccessToken"/>, for an hour, and no new refresh token.</summary>
    protected static Answer RenewedTokens { get; } = new(200, $$"""
        {"access_token":"{{NewAccessToken}}","expires_in":3599,"scope":"https://www.googleapis.com/auth/youtube.readonly","token_type":"Bearer"}
        """);

    protected FakeClock Clock { get; } = new(Now);

    protected FakePlatform Google { get; } = FakePlatform.Start();

    protected MemoryTokenStore<YouTubeTokens> Tokens { get; } = new();

    protected CapturingLoggerProvider Logs { get; } = new();

    protected ILoggerFactory LoggerFactory { get; }

    protected ConnectedAccount Account { get; }

    protected YouTubeTokens ValidTokens => new(AccessToken, Now + Duration.FromHours(1), RefreshToken, "https://www.googleapis.com/auth/youtube.readonly https://www.googleapis.com/auth/yt-analytics.readonly");

    protected HeaderCapture Headers { get; } = new();

    protected HttpClient Http { get; }

    protected YouTubeConnectorOptions Options(Action<YouTubeConnectorOptions>? adjust = null)
    {
        var options = new YouTubeConnectorOptions { ApiKey = ApiKey, ClientId = "client-id.apps.googleusercontent.com", ClientSecret = ClientSecret };
        PointAtFake(options);
        adjust?.Invoke(options);
        return options;
    }

    protected void PointAtFake(YouTubeConnectorOptions options)
    {
        options.DataApiAddress = new Uri(Google.BaseAddress, "youtube/v3/");
        options.AnalyticsAddress = new Uri(Google.BaseAddress, "v2/");
        options.TokenEndpoint = new Uri(Google.BaseAddress, "token");
    }

    protected YouTubeConnector Connector(Action<YouTubeConnectorOptions>? adjust = null) =>
        new(Http, Tokens, Options(adjust), Clock, LoggerFactory.CreateLogger<YouTubeConnector>());

    /// <summary>A channel as <c>channels.list</c> gives it, with the statistics given.</summary>
    protected static string Channel(string statistics = """{"viewCount":"987654","subscriberCount":"125000","hiddenSubscriberCount":false,"videoCount":"512"}""") => $$$"""
        {"kind":"youtube#channel","etag":"e","id":"{{{ChannelId}}}",
         "snippet":{"title":"Jane Doe","description":"Food and travel","customUrl":"@janedoe","publishedAt":"2015-03-01T10:00:00Z","country":"US"},
         "contentDetails":{"relatedPlaylists":{"likes":"","uploads":"{{{UploadsPlaylist}}}"}},
         "statistics":{{{statistics}}}}
        """;

    /// <summary>A video as <c>videos.list</c> gives it.</summary>
    protected static string Video(string id, string statistics = """{"viewCount":"1000","likeCount":"100","favoriteCount":"0","commentCount":"10"}""", string more = "") => $$$"""
        {"kind":"youtube#video","etag":"e","id":"{{{id}}}",
         "snippet":{"publishedAt":"2026-11-20T18:30:00Z","channelId":"{{{ChannelId}}}","title":"Video {{{id}}}","description":"About {{{id}}}","categoryId":"22","liveBroadcastContent":"none"},
         "contentDetails":{"duration":"PT4M13S","dimension":"2d","definition":"hd","caption":"false","licensedContent":true,"contentRating":{},"projection":"rectangular"},
         "statistics":{{{statistics}}}{{{more}}}}
        """;

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
            Headers.Dispose();
            Google.Dispose();
            LoggerFactory.Dispose();
        }
    }
}

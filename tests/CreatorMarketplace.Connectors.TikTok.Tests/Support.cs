using System.Diagnostics;
using CreatorMarketplace.Creators;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

/// <summary>A creator's account, its tokens, the fake TikTok, the clock and a connector over them.</summary>
public abstract class TikTokTestBase : IDisposable
{
    // With the characters that URL, form and JSON encodings change, as TikTok's tokens have.
    public const string AccessToken = "act.A+c/Access=Token1111";
    public const string RefreshToken = "rft.R+f/Refresh=Token2222";
    public const string NewAccessToken = "act.N+a/Access=Token3333";
    public const string NewRefreshToken = "rft.N+r/Refresh=Token4444";
    public const string ClientSecret = "client secret+5555/*!";

    /// <summary>Every secret a test's connector may come to hold.</summary>
    protected static IReadOnlyList<string> AllSecrets { get; } = [AccessToken, RefreshToken, NewAccessToken, NewRefreshToken, ClientSecret];

    protected TikTokTestBase()
    {
        Account = new ConnectedAccount(EntityId.New<CreatorId>(Clock), new Handle(Platform.TikTok, "@jane.doe"), "open-id-1");
        Tokens.Put(Account, ValidTokens);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    protected static Instant Now { get; } = Instant.FromUtc(2026, 11, 30, 12, 0);

    /// <summary>The token endpoint's answer to a refresh: <see cref="NewAccessToken"/> and <see cref="NewRefreshToken"/>.</summary>
    protected static Answer RenewedTokens { get; } = new(200, $$"""
        {"access_token":"{{NewAccessToken}}","expires_in":86400,"refresh_expires_in":31536000,"refresh_token":"{{NewRefreshToken}}","token_type":"Bearer"}
        """);

    protected FakeClock Clock { get; } = new(Now);

    /// <summary>The waits' time: moves only in <see cref="WithTimePassing{T}"/>, with <see cref="Clock"/>.</summary>
    protected FakeTimeProvider Time { get; } = new(Now.ToDateTimeOffset());

    protected FakePlatform TikTok { get; } = FakePlatform.Start();

    protected MemoryTokenStore<TikTokTokens> Tokens { get; } = new();

    protected CapturingLoggerProvider Logs { get; } = new();

    protected ILoggerFactory LoggerFactory { get; }

    protected ConnectedAccount Account { get; }

    protected TikTokTokens ValidTokens => new(AccessToken, Now + Duration.FromHours(24), RefreshToken, Now + Duration.FromDays(365), "open-id-1", "user.info.basic,video.list");

    protected HttpClient Http { get; } = new();

    protected TikTokConnectorOptions Options(Action<TikTokConnectorOptions>? adjust = null)
    {
        var options = new TikTokConnectorOptions { BaseAddress = TikTok.BaseAddress, ClientKey = "client-key", ClientSecret = ClientSecret };
        adjust?.Invoke(options);
        return options;
    }

    protected TikTokConnector Connector(Action<TikTokConnectorOptions>? adjust = null, TimeProvider? time = null) =>
        new(Http, Tokens, Options(adjust), Clock, LoggerFactory.CreateLogger<TikTokConnector>(), time);

    /// <summary>
    /// Runs a call while <see cref="Time"/> and <see cref="Clock"/> move a second for every real millisecond or so,
    /// so that the call's waits pass at once.
    /// </summary>
    protected async Task<T> WithTimePassing<T>(Func<ValueTask<T>> call)
    {
        var running = call().AsTask();
        var real = Stopwatch.StartNew();
        while (await Task.WhenAny(running, Task.Delay(1)) != running)
        {
            real.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the call never finished");
            Time.Advance(TimeSpan.FromSeconds(1));
            Clock.Advance(Duration.FromSeconds(1));
        }

        return await running;
    }

    protected static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

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
            TikTok.Dispose();
            LoggerFactory.Dispose();
        }
    }
}

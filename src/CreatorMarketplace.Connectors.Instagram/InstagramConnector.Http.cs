using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CreatorMarketplace.Connectors.Instagram;

// The exchanges with the Graph API: the token, its exchange, the usage headers, the error object.
public sealed partial class InstagramConnector
{
    private const string NoTokens = "no Instagram token is stored for the account; the creator connects it again.";
    private const string TokenExchange = "oauth/access_token";

    // The Graph API's "not enough data" answer: too few viewers for a media's insights, too few followers for demographics.
    private const long NotEnoughData = 10;

    private const long InvalidToken = 190;

    private static readonly ConnectorTelemetry Telemetry = new(CreatorMarketplaceTelemetry.ConnectorsInstagram);

    // The Graph API counts usage over a rolling hour: a limit reached without the time to regain access is waited out that long.
    private static readonly Duration UsageWindow = Duration.FromHours(1);

    // No usage window of the Graph API is longer than a day: a longer time to regain access is not one it can mean,
    // and taken as it is, it would shut the account out for good (or overflow the clock).
    private static readonly Duration MaxUsageWait = Duration.FromDays(1);

    // Durations beyond this are not a token's lifetime (a long-lived one's is 60 days).
    private static readonly Duration MaxTokenLifetime = Duration.FromDays(3660);

    // The codes of the Graph API's rate limits: the application's (4), the user's (17), the platform's (32), a
    // method's (613), and the business use cases' (80001 to 80014; Instagram's is 80002).
    private static bool IsRateLimit(long code) => code is 4 or 17 or 32 or 613 or (>= 80001 and <= 80014);

    // The token cannot be made good by an exchange: the user changed the password, logged out, or removed the application.
    private static bool NotRenewable(GraphError error) => error.Subcode is 458 or 459 or 460 or 464 or 467;

    private ValueTask<ConnectorResult<T>> CallAsync<T>(ConnectedAccount account, string userId, string endpoint, Func<Call, ValueTask<ConnectorResult<T>>> body, CancellationToken cancellationToken) =>
        Telemetry.RunAsync(
            endpoint,
            _secrets,
            async secrets =>
            {
                var tokens = await _tokenStore.GetAsync(account, cancellationToken).ConfigureAwait(false);
                if (tokens is null)
                {
                    return new Unauthorized(NoTokens);
                }

                secrets.Add(tokens);
                return await body(new Call(account, userId, tokens, secrets)).ConfigureAwait(false);
            },
            (secrets, failure) => Log.CallFailed(Logger(secrets), endpoint, account.Creator, failure));

    private RedactingLogger Logger(Secrets secrets) => new(_logger, secrets);

    private bool MustRefresh(InstagramTokens tokens) => TokenRefresh.IsDue(tokens, _clock.GetCurrentInstant(), _refreshMargin);

    /// <summary>One GET of the call: the token renewed before it when due, or once when the Graph API calls it invalid.</summary>
    private async ValueTask<Got> GetAsync(Call call, string endpoint, string pathAndQuery, CancellationToken cancellationToken)
    {
        if (_clock.GetCurrentInstant() >= call.Tokens.ExpiresAt)
        {
            return new Got(new Unauthorized("the long-lived access token expired; the creator connects the account again."));
        }

        if (!call.Refreshed && MustRefresh(call.Tokens))
        {
            call.Refreshed = true;

            // The token is still good until it expires: only a refusal stops the call.
            if (await RefreshAsync(call, cancellationToken).ConfigureAwait(false) is Unauthorized refused)
            {
                return new Got(refused);
            }
        }

        while (true)
        {
            var used = call.Tokens;
            var reply = await _exchange.SendAsync(endpoint, Charge(call), () => Get(pathAndQuery, used.AccessToken), call.Secrets, ReadUsage, cancellationToken).ConfigureAwait(false);
            var got = Read(endpoint, call, reply);
            if (got.Error is { Code: InvalidToken } error && !call.Refreshed && !NotRenewable(error))
            {
                // Once: a token refused right after an exchange is not made good by another.
                call.Refreshed = true;
                Log.Refreshing(Logger(call.Secrets), call.Account.Creator);
                if (await RefreshAsync(call, cancellationToken).ConfigureAwait(false) is { } failed)
                {
                    return new Got(failed);
                }

                continue;
            }

            return got;
        }
    }

    // The Graph API counts an account's calls together, whatever the endpoint: so does the budget.
    private BudgetTicket Charge(Call call) => new(_state.Budget, call.UserId, _clock);

    private HttpRequestMessage Get(string pathAndQuery, string accessToken)
    {
        // The token goes in the header, never in the address, where logs and proxies would keep it.
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_apiAddress, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    /// <summary>Exchanges the call's token for a new long-lived one and saves it; null when done, else the failure.</summary>
    private async ValueTask<object?> RefreshAsync(Call call, CancellationToken cancellationToken)
    {
        // The calls that waited for another's exchange use its token.
        var refreshed = await TokenRefresh.RunAsync(
            _state.RefreshGate(call.Account),
            call.Tokens,
            call.Secrets,
            cancel => _tokenStore.GetAsync(call.Account, cancel),
            MustRefresh,
            current => ExchangeAsync(call, current, cancellationToken),
            async tokens =>
            {
                // Saved even if the caller gave up meanwhile: the new token is the one to keep.
                await _tokenStore.SaveAsync(call.Account, tokens, CancellationToken.None).ConfigureAwait(false);
                Log.Refreshed(Logger(call.Secrets), call.Account.Creator, tokens.ExpiresAt);
            },
            NoTokens,
            cancellationToken).ConfigureAwait(false);
        if (refreshed.TryPickT0(out var renewed, out var failed))
        {
            call.Tokens = renewed;
            return null;
        }

        return failed.Value;
    }

    private async ValueTask<ConnectorResult<InstagramTokens>> ExchangeAsync(Call call, InstagramTokens current, CancellationToken cancellationToken)
    {
        if (_clock.GetCurrentInstant() >= current.ExpiresAt)
        {
            return new Unauthorized("the long-lived access token expired; the creator connects the account again.");
        }

        var reply = await _exchange.SendAsync(TokenExchange, Charge(call), () => ExchangeRequest(current.AccessToken), call.Secrets, ReadUsage, cancellationToken).ConfigureAwait(false);
        var got = Read(TokenExchange, call, reply);
        return got.Failure switch
        {
            Unauthorized refused => new Unauthorized($"the token exchange was refused: {refused.Reason}"),
            { } failure => ConnectorOutcomes.Relay<InstagramTokens>(failure),
            null => Mapped(() => NewTokens(got.Body)),
        };
    }

    // Posted as a form, so that the application's secret and the token are in no address.
    private HttpRequestMessage ExchangeRequest(string accessToken) =>
        ConnectorExchange.TokenRequest(
            new Uri(_apiAddress, TokenExchange),
            [
                new("grant_type", "fb_exchange_token"),
                new("client_id", _appId),
                new("client_secret", _appSecret),
                new("fb_exchange_token", accessToken),
            ]);

    private InstagramTokens NewTokens(JsonAt body)
    {
        var accessToken = body.NewSecret("access_token");
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw MalformedResponseException.At("access_token", "a token is never empty.");
        }

        var lifetime = body.TokenLifetime("expires_in", MaxTokenLifetime, "10 years");
        return new InstagramTokens(accessToken, _clock.GetCurrentInstant() + lifetime);
    }

    /// <summary>
    /// Reads the usage headers, <c>X-Business-Use-Case-Usage</c> (<c>{"&lt;id&gt;": [{"call_count": 100, …,
    /// "estimated_time_to_regain_access": 19}]}</c>) and <c>X-App-Usage</c> (<c>{"call_count": 28, …}</c>): a
    /// percentage at 100 or a time to regain access is the wait, in the header's minutes (a day at most), else a full usage window.
    /// </summary>
    private static void ReadUsage(HttpResponseMessage response, ConnectorReply reply)
    {
        foreach (var name in (ReadOnlySpan<string>)["X-Business-Use-Case-Usage", "X-App-Usage"])
        {
            if (!response.Headers.TryGetValues(name, out var values))
            {
                continue;
            }

            foreach (var value in values)
            {
                try
                {
                    using var usage = JsonDocument.Parse(value);
                    if (Exhausted(usage.RootElement) is { } wait && (reply.RetryAfter is null || wait > reply.RetryAfter))
                    {
                        reply.RetryAfter = wait;
                    }
                }
                catch (JsonException)
                {
                    // A header out of shape says nothing: the error codes still say when the limit is reached.
                }
            }
        }
    }

    private static Duration? Exhausted(JsonElement usage)
    {
        Duration? wait = null;
        switch (usage.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in usage.EnumerateArray())
                {
                    wait = Longer(wait, Exhausted(item));
                }

                break;
            case JsonValueKind.Object:
                var full = false;
                var minutes = 0d;
                foreach (var property in usage.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Number)
                    {
                        wait = Longer(wait, Exhausted(property.Value));
                    }
                    else if (property.Name == "estimated_time_to_regain_access")
                    {
                        minutes = Math.Max(minutes, property.Value.GetDouble());
                    }
                    else if (property.Name is "call_count" or "total_cputime" or "total_time" && property.Value.GetDouble() >= 100)
                    {
                        full = true;
                    }
                }

                if (minutes > 0 && double.IsFinite(minutes))
                {
                    wait = Longer(wait, Duration.FromMinutes(Math.Min(minutes, MaxUsageWait.TotalMinutes)));
                }
                else if (full)
                {
                    wait = Longer(wait, UsageWindow);
                }

                break;
        }

        return wait;
    }

    private static Duration? Longer(Duration? one, Duration? other) => one is null ? other : other is null ? one : Duration.Max(one.Value, other.Value);

    /// <summary>
    /// Reads an answer: the body, or the Graph API's error object <c>{"error": {"message", "type", "code",
    /// "error_subcode", "fbtrace_id", "is_transient"}}</c> mapped to a failure. An account at its usage limit gets
    /// nothing more sent until the platform's wait is over.
    /// </summary>
    private Got Read(string endpoint, Call call, ConnectorReply reply)
    {
        if (reply.Failure is { } failure)
        {
            return new Got(failure);
        }

        var now = _clock.GetCurrentInstant();
        if (reply.RetryAfter is { } usageWait)
        {
            _state.Budget.Block(call.UserId, now + usageWait);
        }

        GraphError? error = null;
        try
        {
            if (reply.Body(call.Secrets) is { } body)
            {
                if (body.Optional("error") is { } found)
                {
                    error = new GraphError(
                        found.Int64("code"),
                        found.OptionalInt64("error_subcode"),
                        found.OptionalString("message") ?? "",
                        found.OptionalString("fbtrace_id"),
                        found.OptionalBoolean("is_transient") ?? false);
                }
                else if (reply.Succeeded)
                {
                    Log.Answered(Logger(call.Secrets), endpoint, reply.Status, null, null);
                    return new Got(body);
                }
            }
            else if (reply.Succeeded)
            {
                return new Got(reply.NotAnObject("response"));
            }
        }
        catch (MalformedResponseException malformed) when (reply.Succeeded)
        {
            return new Got(malformed.ToResult());
        }
        catch (MalformedResponseException)
        {
            // A failed status without a readable error object is reported by its status below.
        }

        if (error is null && reply.Status == 429)
        {
            var wait = reply.RetryAfter ?? UsageWindow;
            _state.Budget.Block(call.UserId, now + wait);
            return new Got(new RateLimited(wait));
        }

        if (error is null)
        {
            return new Got(reply.StatusError);
        }

        Log.Answered(Logger(call.Secrets), endpoint, reply.Status, error.Code, error.TraceId);
        var said = string.IsNullOrEmpty(error.TraceId) ? error.Message : $"{error.Message} (fbtrace_id {error.TraceId})";
        var code = error.Subcode is { } subcode ? string.Create(CultureInfo.InvariantCulture, $"{error.Code}/{subcode}") : error.Code.ToString(CultureInfo.InvariantCulture);
        if (IsRateLimit(error.Code) || reply.Status == 429)
        {
            var wait = reply.RetryAfter ?? UsageWindow;
            _state.Budget.Block(call.UserId, now + wait);
            return new Got(new RateLimited(wait), error);
        }

        object mapped = error.Code switch
        {
            InvalidToken or 10 or (>= 200 and <= 299) => new Unauthorized($"{code}: {said}"),
            100 when error.Subcode == 33 => new NotFound($"{code}: {said}"),
            110 or 803 => new NotFound($"{code}: {said}"),
            _ => new PlatformError(code, said, error.Transient || error.Code is 1 or 2 || reply.RetryableStatus),
        };
        return new Got(mapped, error);
    }

    /// <summary>The Graph API's error object.</summary>
    private sealed record GraphError(long Code, long? Subcode, string Message, string? TraceId, bool Transient);

    /// <summary>What one request of a call came to: the body, or a failure (with the Graph API's error, if it gave one).</summary>
    private sealed class Got
    {
        public Got(JsonAt body) => Body = body;

        public Got(object failure, GraphError? error = null)
        {
            Failure = failure;
            Error = error;
        }

        public JsonAt Body { get; }

        public object? Failure { get; }

        public GraphError? Error { get; }
    }

    /// <summary>One call for one account: its Instagram user id, its token as it stands, and the secrets it holds.</summary>
    private sealed class Call(ConnectedAccount account, string userId, InstagramTokens tokens, Secrets secrets)
    {
        public ConnectedAccount Account => account;

        public string UserId => userId;

        public Secrets Secrets => secrets;

        public InstagramTokens Tokens { get; set; } = tokens;

        public bool Refreshed { get; set; }
    }

    // Takes only the redacting logger, so that no line can leave unredacted.
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Instagram {Endpoint} answered HTTP {Status}, error code {Code} (fbtrace_id {TraceId})")]
        public static partial void Answered(RedactingLogger logger, string endpoint, int status, long? code, string? traceId);

        [LoggerMessage(2, LogLevel.Debug, "The Graph API refused the Instagram token of creator {Creator}; exchanging it once")]
        public static partial void Refreshing(RedactingLogger logger, CreatorId creator);

        [LoggerMessage(3, LogLevel.Information, "Exchanged the Instagram token of creator {Creator}; the new one expires at {ExpiresAt}")]
        public static partial void Refreshed(RedactingLogger logger, CreatorId creator, Instant expiresAt);

        [LoggerMessage(5, LogLevel.Warning, "Instagram {Endpoint} for creator {Creator} failed: {Failure}")]
        public static partial void CallFailed(RedactingLogger logger, string endpoint, CreatorId creator, string failure);
    }
}

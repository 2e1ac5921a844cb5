using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CreatorMarketplace.Connectors.YouTube;

// The exchanges with Google: credentials, refresh, the quota, Google's error shape and transport failures.
public sealed partial class YouTubeConnector
{
    private const string NoCredentials =
        "no YouTube tokens are stored for the account, and reading it with the API key needs its channel id (ExternalId); the creator connects it again.";

    // Beyond this a duration is not an access token's lifetime (Google's last an hour).
    private static readonly Duration MaxTokenLifetime = Duration.FromDays(366);

    private static readonly ConnectorTelemetry Telemetry = new(CreatorMarketplaceTelemetry.ConnectorsYouTube);

    private ValueTask<ConnectorResult<T>> CallAsync<T>(
        ConnectedAccount account,
        Endpoint endpoint,
        Func<Credential, HttpRequestMessage> request,
        Func<JsonAt, Instant, ConnectorResult<T>> map,
        CancellationToken cancellationToken,
        T? whenForbidden = default) =>
        Telemetry.RunAsync(
            endpoint.Name,
            _secrets,
            secrets => CallCoreAsync(account, endpoint, request, map, secrets, whenForbidden, cancellationToken),
            (secrets, failure) => Log.CallFailed(Logger(secrets), endpoint.Name, account.Creator, failure));

    private RedactingLogger Logger(Secrets secrets) => new(_logger, secrets);

    private async ValueTask<ConnectorResult<T>> CallCoreAsync<T>(
        ConnectedAccount account,
        Endpoint endpoint,
        Func<Credential, HttpRequestMessage> request,
        Func<JsonAt, Instant, ConnectorResult<T>> map,
        Secrets secrets,
        T? whenForbidden,
        CancellationToken cancellationToken)
    {
        var tokens = _tokenStore is null ? null : await _tokenStore.GetAsync(account, cancellationToken).ConfigureAwait(false);
        if (tokens is null && (_apiKey.Length == 0 || string.IsNullOrWhiteSpace(account.ExternalId)))
        {
            return new Unauthorized(NoCredentials);
        }

        if (tokens is not null)
        {
            secrets.Add(tokens);
        }

        // Refreshed before the first request when due, or once when Google refuses the token: a token it refuses
        // right after a refresh is not fixed by another.
        var refresh = tokens is not null && MustRefresh(tokens);
        var refreshed = false;
        while (true)
        {
            if (refresh && tokens is not null)
            {
                var renewed = await RefreshAsync(account, tokens, secrets, cancellationToken).ConfigureAwait(false);
                if (!renewed.TryPickT0(out tokens, out var failed))
                {
                    return ConnectorOutcomes.Relay<T>(failed.Value);
                }

                (refresh, refreshed) = (false, true);
            }

            var credential = new Credential(tokens, tokens is null ? _apiKey : null, account.ExternalId);
            var reply = await ExchangeAsync(endpoint, () => request(credential), secrets, cancellationToken).ConfigureAwait(false);
            switch (ReadAnswer(endpoint, reply, secrets))
            {
                case Answered answered:
                    try
                    {
                        return map(answered.Root, _clock.GetCurrentInstant());
                    }
                    catch (ChannelNotFoundException missing)
                    {
                        return new NotFound(missing.Message);
                    }
                    catch (MalformedResponseException malformed)
                    {
                        return malformed.ToResult();
                    }
                    catch (DomainValidationException invalid)
                    {
                        return new MalformedData($"{invalid.Errors[0].Field}: {invalid.Errors[0].Message} ({invalid.Errors[0].Code})");
                    }

                case TokenExpired expired when tokens is null || refreshed || !_canRefresh:
                    return new Unauthorized(expired.Reason);

                case TokenExpired:
                    Log.Refreshing(Logger(secrets), account.Creator);
                    refresh = true;
                    continue;

                case Forbidden when whenForbidden is not null:
                    return whenForbidden;

                case Forbidden forbidden:
                    return forbidden.Failure;

                case Failed failedCall:
                    return ConnectorOutcomes.Relay<T>(failedCall.Failure);
            }
        }
    }

    private bool MustRefresh(YouTubeTokens tokens) => _canRefresh && TokenRefresh.IsDue(tokens, _clock.GetCurrentInstant(), _refreshMargin);

    private HttpRequestMessage Get(Uri api, Endpoint endpoint, string query, Credential credential)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, endpoint.PathAndQuery + query));
        if (credential.Tokens is { } tokens)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        }
        else
        {
            // In a header, not the URL's key parameter, so that no logged or traced URL carries it.
            request.Headers.Add("X-Goog-Api-Key", credential.ApiKey);
        }

        return request;
    }

    private async ValueTask<ConnectorResult<YouTubeTokens>> RefreshAsync(ConnectedAccount account, YouTubeTokens used, Secrets secrets, CancellationToken cancellationToken)
    {
        if (!_canRefresh)
        {
            return new Unauthorized("the access token expired, and without the OAuth client's id and secret the connector cannot refresh it.");
        }

        return await TokenRefresh.RunAsync(
            _state.Connector.RefreshGate(account),
            used,
            secrets,
            cancel => _tokenStore!.GetAsync(account, cancel),
            MustRefresh,
            async current => ReadTokens(await ExchangeAsync(Token, () => RefreshRequest(current.RefreshToken), secrets, cancellationToken).ConfigureAwait(false), current, secrets),
            async tokens =>
            {
                // Saved even if the caller gave up meanwhile: the new access token is good for an hour.
                await _tokenStore!.SaveAsync(account, tokens, CancellationToken.None).ConfigureAwait(false);
                Log.Refreshed(Logger(secrets), account.Creator, tokens.AccessTokenExpiresAt);
            },
            NoCredentials,
            cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage RefreshRequest(string refreshToken) =>
        ConnectorExchange.TokenRequest(
            _tokenEndpoint,
            [
                new("client_id", _clientId),
                new("client_secret", _clientSecret),
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            ]);

    // Only the Data and Analytics APIs' methods cost units; the token endpoint costs none.
    private ValueTask<ConnectorReply> ExchangeAsync(Endpoint endpoint, Func<HttpRequestMessage> build, Secrets secrets, CancellationToken cancellationToken) =>
        _exchange.SendAsync(
            endpoint.Name,
            endpoint.Units > 0 ? new QuotaTicket(_state.Quota, endpoint.Units, _clock) : null,
            build,
            secrets,
            _exchange.ReadRetryAfter,
            cancellationToken);

    /// <summary>
    /// Reads an answer: the body on success, or Google's error,
    /// <c>{"error": {"code": 403, "message": …, "errors": [{"domain", "reason", "message"}], "status"}}</c>.
    /// </summary>
    private Outcome ReadAnswer(Endpoint endpoint, ConnectorReply reply, Secrets secrets)
    {
        if (reply.Failure is { } failure)
        {
            return new Failed(failure);
        }

        var succeeded = reply.Succeeded;
        if (reply.Body(secrets) is not { } body)
        {
            return succeeded
                ? new Failed(reply.NotAnObject("response"))
                : new Failed(reply.StatusError);
        }

        if (succeeded)
        {
            Log.Answered(Logger(secrets), endpoint.Name, reply.Status, "ok");
            return new Answered(body);
        }

        string? reason = null;
        var message = reply.Reason ?? "";
        try
        {
            var error = body.Object("error");
            message = error.OptionalString("message") ?? message;
            reason = error.Optional("errors") is not null ? error.Array("errors").Items().Select(item => item.OptionalString("reason")).FirstOrDefault(found => found is not null) : null;
            reason ??= error.OptionalString("status");
        }
        catch (MalformedResponseException)
        {
            // A failed status without Google's error shape is reported by its status below.
        }

        Log.Answered(Logger(secrets), endpoint.Name, reply.Status, reason ?? reply.HttpCode);
        var said = secrets.Redact(reason is null ? message : $"{reason}: {message}");
        var now = _clock.GetCurrentInstant();
        switch (reason)
        {
            case "quotaExceeded" or "dailyLimitExceeded":
                // The project's daily quota is spent, by this process or another: nothing more until midnight Pacific.
                return new Failed(new RateLimited(endpoint.Units > 0 ? _state.Quota.Exhaust(now) : YouTubeQuota.NextReset(now) - now));
            case "rateLimitExceeded" or "userRateLimitExceeded":
            case var _ when reply.Status == 429:
                return new Failed(new RateLimited(reply.RetryAfter ?? Duration.FromMinutes(1)));
            case var _ when reply.Status == 401:
                return new TokenExpired(said);
            case "insufficientPermissions" or "forbidden" or "PERMISSION_DENIED" when reply.Status == 403:
                return new Forbidden(new Unauthorized(said));
            case var _ when reply.Status == 404:
                return new Failed(new NotFound(said));
            default:
                return new Failed(new PlatformError(reason ?? reply.HttpCode, said, reply.RetryableStatus || reason is "backendError" or "internalError"));
        }
    }

    /// <summary>
    /// Reads the answer of Google's token endpoint: <c>{"access_token", "expires_in", "scope", "token_type"}</c> (a new
    /// <c>refresh_token</c> only sometimes), or an OAuth error <c>{"error": "invalid_grant", "error_description": …}</c>.
    /// </summary>
    private ConnectorResult<YouTubeTokens> ReadTokens(ConnectorReply reply, YouTubeTokens old, Secrets secrets)
    {
        if (reply.Failure is { } failure)
        {
            return ConnectorOutcomes.Relay<YouTubeTokens>(failure);
        }

        var succeeded = reply.Succeeded;
        string? code = null;
        string? description = null;
        try
        {
            if (reply.Body(secrets) is { } body)
            {
                if (succeeded)
                {
                    Log.Answered(Logger(secrets), Token.Name, reply.Status, "ok");
                    return NewTokens(body, old);
                }

                code = body.Optional("error") is { Value.ValueKind: JsonValueKind.String } ? body.String("error") : null;
                description = body.OptionalString("error_description");
            }
            else if (succeeded)
            {
                return reply.NotAnObject("token response");
            }
        }
        catch (MalformedResponseException malformed) when (succeeded)
        {
            return malformed.ToResult();
        }
        catch (MalformedResponseException)
        {
            // Reported by its status below.
        }

        Log.Answered(Logger(secrets), Token.Name, reply.Status, code ?? reply.HttpCode);
        var said = secrets.Redact(description ?? reply.Reason ?? "");
        return code switch
        {
            "invalid_grant" or "unauthorized_client" => new Unauthorized($"the token refresh was refused: {code}: {said}"),
            _ when reply.Status == 429 => new RateLimited(reply.RetryAfter ?? Duration.FromMinutes(1)),
            _ => new PlatformError(string.IsNullOrEmpty(code) ? reply.HttpCode : code, said, reply.RetryableStatus),
        };
    }

    private YouTubeTokens NewTokens(JsonAt body, YouTubeTokens old)
    {
        var accessToken = body.NewSecret("access_token");
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw MalformedResponseException.At("access_token", "an access token is never empty.");
        }

        var lifetime = body.TokenLifetime("expires_in", MaxTokenLifetime, "a year");

        // Google sends a new refresh token only now and then; otherwise the old one stays good.
        var refreshToken = body.Optional("refresh_token") is null ? old.RefreshToken : body.NewSecret("refresh_token");
        return new YouTubeTokens(
            accessToken,
            _clock.GetCurrentInstant() + lifetime,
            string.IsNullOrWhiteSpace(refreshToken) ? old.RefreshToken : refreshToken,
            body.OptionalString("scope") ?? old.Scope);
    }

    /// <summary>How a call proves itself: the creator's tokens, or the application's API key with the channel's id.</summary>
    private sealed record Credential(YouTubeTokens? Tokens, string? ApiKey, string? ChannelId);

    private abstract record Outcome;

    private sealed record Answered(JsonAt Root) : Outcome;

    private sealed record TokenExpired(string Reason) : Outcome;

    // A 403 for want of permission: the Analytics API's answer to a token without its scope.
    private sealed record Forbidden(Unauthorized Failure) : Outcome;

    private sealed record Failed(object Failure) : Outcome;

    /// <summary>YouTube listed no channel for the account.</summary>
#pragma warning disable CA1032 // Private, thrown and caught only here: no need for the usual constructors.
    private sealed class ChannelNotFoundException(string what) : Exception(what);
#pragma warning restore CA1032

    // Takes only the redacting logger, so that no line can leave unredacted.
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "YouTube {Endpoint} answered HTTP {Status} with {Reason}")]
        public static partial void Answered(RedactingLogger logger, string endpoint, int status, string reason);

        [LoggerMessage(2, LogLevel.Debug, "The YouTube access token of creator {Creator} was refused; refreshing it")]
        public static partial void Refreshing(RedactingLogger logger, CreatorId creator);

        [LoggerMessage(3, LogLevel.Information, "Refreshed the YouTube access token of creator {Creator}; the new one expires at {ExpiresAt}")]
        public static partial void Refreshed(RedactingLogger logger, CreatorId creator, Instant expiresAt);

        [LoggerMessage(4, LogLevel.Warning, "YouTube {Endpoint} for creator {Creator} failed: {Failure}")]
        public static partial void CallFailed(RedactingLogger logger, string endpoint, CreatorId creator, string failure);
    }
}

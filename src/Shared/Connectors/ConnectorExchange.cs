using System.Globalization;
using System.Text.Json;
using NodaTime;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>What came back from one request: an answer to read, or a failure before any (the budget, the network, a timeout).</summary>
internal sealed class ConnectorReply
{
    public ConnectorReply(object failure) => Failure = failure;

    public ConnectorReply(int status, string? reason, Duration? retryAfter)
    {
        Status = status;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public object? Failure { get; }

    public int Status { get; }

    public string? Reason { get; }

    public Duration? RetryAfter { get; }

    public JsonElement? Root { get; set; }

    public string? NotJson { get; set; }

    public bool Succeeded => Status is >= 200 and <= 299;
}

/// <summary>
/// One request to a platform, as every connector sends it, and what every connector does alike with the outcome:
/// failures of the transport become results, and every result leaves without a secret.
/// </summary>
internal static class ConnectorExchange
{
    /// <summary>
    /// Sends the request and reads the answer: its status, reason phrase (redacted), Retry-After and JSON body. A
    /// spent budget, a timeout, an open circuit, the resilience handler's rate limiter and a network error come back
    /// as the reply's failure; only the caller's cancellation is thrown.
    /// </summary>
    /// <param name="http">The connector's client.</param>
    /// <param name="request">The request; the caller disposes it.</param>
    /// <param name="secrets">The call's secrets, redacted from every text read.</param>
    /// <param name="clock">Now, for a Retry-After given as a date.</param>
    /// <param name="endpoint">The endpoint as messages name it, such as "TikTok's video/list".</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public static async ValueTask<ConnectorReply> SendAsync(HttpClient http, HttpRequestMessage request, Secrets secrets, IClock clock, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var reply = new ConnectorReply((int)response.StatusCode, response.ReasonPhrase is { } reason ? secrets.Redact(reason) : null, RetryAfter(response, clock));
            try
            {
                using var document = JsonDocument.Parse(body);
                reply.Root = document.RootElement.Clone();
            }
            catch (JsonException json)
            {
                reply.NotJson = secrets.Redact(json.Message);
            }

            return reply;
        }
        catch (RequestBudgetSpentException spent)
        {
            return new ConnectorReply(new RateLimited(spent.Wait));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new ConnectorReply(new PlatformError("timeout", $"{endpoint} did not answer in time.", Retryable: true));
        }
        catch (TimeoutRejectedException)
        {
            return new ConnectorReply(new PlatformError("timeout", $"{endpoint} did not answer in time.", Retryable: true));
        }
        catch (BrokenCircuitException)
        {
            return new ConnectorReply(new PlatformError("circuit_open", $"calls to {endpoint} are paused after repeated failures.", Retryable: true));
        }
        catch (RateLimiterRejectedException rejected)
        {
            return new ConnectorReply(new RateLimited(Duration.FromTimeSpan(rejected.RetryAfter ?? TimeSpan.FromSeconds(1))));
        }
        catch (HttpRequestException failure)
        {
            return new ConnectorReply(new PlatformError("network_error", secrets.Redact(failure.Message), Retryable: true));
        }
    }

    /// <summary>Where every call's outcome leaves a connector: whatever a failure came to say, it leaves without a secret.</summary>
    public static ConnectorResult<T> Redact<T>(ConnectorResult<T> result, Secrets secrets) => result.Match<ConnectorResult<T>>(
        _ => result,
        notFound => new NotFound(secrets.Redact(notFound.What)),
        unauthorized => new Unauthorized(secrets.Redact(unauthorized.Reason)),
        limited => limited,
        error => error with { Code = secrets.Redact(error.Code), Message = secrets.Redact(error.Message) },
        malformed => new MalformedData(secrets.Redact(malformed.Reason)));

    /// <summary>A failure as the result of another call's type.</summary>
    public static ConnectorResult<T> Relay<T>(object failure) => failure switch
    {
        NotFound notFound => notFound,
        Unauthorized unauthorized => unauthorized,
        RateLimited limited => limited,
        PlatformError error => error,
        MalformedData malformed => malformed,
        _ => throw new InvalidOperationException($"Not a connector failure: {failure.GetType().Name}."),
    };

    /// <summary>The code of a failed status that the platform gave no code of its own for, such as <c>http_502</c>.</summary>
    public static string HttpCode(int status) => string.Create(CultureInfo.InvariantCulture, $"http_{status}");

    /// <summary>Whether a failed status may pass if the call is tried again: 5xx and 408.</summary>
    public static bool RetryableStatus(int status) => status is >= 500 or 408;

    private static Duration? RetryAfter(HttpResponseMessage response, IClock clock)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta is { } delta ? Duration.FromTimeSpan(delta)
            : header?.Date is { } date ? Instant.FromDateTimeOffset(date) - clock.GetCurrentInstant()
            : (Duration?)null;
        return wait < Duration.Zero ? Duration.Zero : wait;
    }
}

/// <summary>The checks of a connector's arguments that every connector makes alike.</summary>
internal static class ConnectorArguments
{
    /// <summary>Refuses a missing account, or one of another platform.</summary>
    public static void CheckAccount(ConnectedAccount account, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Platform != platform)
        {
            throw new ArgumentException($"account: the account is on {account.Platform}, not {platform}.", nameof(account));
        }
    }

    /// <summary>The distinct post ids of a metrics call, refusing a missing list, a blank id or more than the call takes.</summary>
    /// <param name="postIds">The ids asked.</param>
    /// <param name="max">The most the platform's call takes.</param>
    /// <param name="call">The platform's call, as messages name it, such as "TikTok's video query".</param>
    public static string[] DistinctPostIds(IReadOnlyList<string> postIds, int max, string call)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        if (postIds.Count > max)
        {
            throw new ArgumentException($"postIds: {call} takes at most {max} posts at once, got {postIds.Count}.", nameof(postIds));
        }

        if (postIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("postIds: a post id is null or blank.", nameof(postIds));
        }

        return postIds.Distinct(StringComparer.Ordinal).ToArray();
    }
}

using System.Text.Json;
using NodaTime;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// Sends one request to a platform within the request budget and reads its whole answer; every way the sending can
/// fail (the budget, a timeout, an open circuit, the network) becomes a result, never an exception, but cancellation.
/// </summary>
internal sealed class ConnectorExchange(HttpClient http, RequestBudget budget, IClock clock, string platform)
{
    /// <summary>Takes from the budget under <paramref name="budgetKey"/>, sends, and reads the answer as JSON.</summary>
    /// <param name="endpoint">The endpoint's name, for messages.</param>
    /// <param name="budgetKey">Whose budget the request takes from: the endpoint's, or the account's.</param>
    /// <param name="build">Makes the request.</param>
    /// <param name="secrets">Redacts every text of the answer that is kept.</param>
    /// <param name="inspect">Reads what the platform's own headers say, before the response is let go.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public async ValueTask<ConnectorReply> SendAsync(
        string endpoint,
        string budgetKey,
        Func<HttpRequestMessage> build,
        Secrets secrets,
        Action<HttpResponseMessage, ConnectorReply>? inspect,
        CancellationToken cancellationToken)
    {
        if (budget.TryTake(budgetKey, clock.GetCurrentInstant()) is { } wait)
        {
            return new ConnectorReply(new RateLimited(wait));
        }

        using var request = build();
        request.Options.Set(BudgetTicket.Key, new BudgetTicket(budget, budgetKey, clock));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var reply = new ConnectorReply((int)response.StatusCode, response.ReasonPhrase is { } reason ? secrets.Redact(reason) : null);
            inspect?.Invoke(response, reply);
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
            return new ConnectorReply(new PlatformError("timeout", $"{platform}'s {endpoint} did not answer in time.", Retryable: true));
        }
        catch (TimeoutRejectedException)
        {
            return new ConnectorReply(new PlatformError("timeout", $"{platform}'s {endpoint} did not answer in time.", Retryable: true));
        }
        catch (BrokenCircuitException)
        {
            return new ConnectorReply(new PlatformError("circuit_open", $"calls to {platform}'s {endpoint} are paused after repeated failures.", Retryable: true));
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
}

/// <summary>What came back: an answer to read, or a failure before any (the budget, the network, a timeout).</summary>
internal sealed class ConnectorReply
{
    public ConnectorReply(object failure) => Failure = failure;

    public ConnectorReply(int status, string? reason)
    {
        Status = status;
        Reason = reason;
    }

    public object? Failure { get; }

    public int Status { get; }

    public bool Succeeded => Status is >= 200 and <= 299;

    public string? Reason { get; }

    /// <summary>How long the platform asked to wait, by its headers, if it did.</summary>
    public Duration? RetryAfter { get; set; }

    public JsonElement? Root { get; set; }

    public string? NotJson { get; set; }
}

/// <summary>The outcomes every connector hands back alike.</summary>
internal static class ConnectorOutcomes
{
    /// <summary>Where every call's outcome leaves a connector: whatever a failure came to say, it leaves without a secret.</summary>
    public static ConnectorResult<T> Redact<T>(ConnectorResult<T> result, Secrets secrets) => result.Match<ConnectorResult<T>>(
        _ => result,
        notFound => new NotFound(secrets.Redact(notFound.What)),
        unauthorized => new Unauthorized(secrets.Redact(unauthorized.Reason)),
        limited => limited,
        error => error with { Code = secrets.Redact(error.Code), Message = secrets.Redact(error.Message) },
        malformed => new MalformedData(secrets.Redact(malformed.Reason)));

    /// <summary>A failure of one result type as a failure of another.</summary>
    public static ConnectorResult<T> Relay<T>(object failure) => failure switch
    {
        NotFound notFound => notFound,
        Unauthorized unauthorized => unauthorized,
        RateLimited limited => limited,
        PlatformError error => error,
        MalformedData malformed => malformed,
        _ => throw new InvalidOperationException($"Not a connector failure: {failure.GetType().Name}."),
    };
}

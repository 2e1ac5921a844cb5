using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>What the resilience handler retries, and what it leaves to the connector.</summary>
internal static class ConnectorResilience
{
    /// <summary>Marks a request the handler must not retry: a token refresh, which a platform may not take twice.</summary>
    public static readonly HttpRequestOptionsKey<bool> NotRetried = new("CreatorMarketplace.Connectors.NotRetried");

    /// <summary>
    /// A transient failure (5xx, 408, a timeout, a network error) other than 429: rate limits are the connector's, which
    /// keeps to the platform's Retry-After and its own budget rather than a generic back-off.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
        && HttpClientResiliencePredicates.IsTransient(outcome);

    public static bool MayRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        IsTransient(outcome)
        && !(context.GetRequestMessage()?.Options.TryGetValue(NotRetried, out var notRetried) == true && notRetried);
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreatorMarketplace.Connectors;

namespace CreatorMarketplace.Connectors.TikTok;

// The package's one ActivitySource and Meter, and the connector's instruments on them. Calls are tagged with the
// endpoint's name and their outcome only: never a token, a URL's query or an account.
internal static class TikTokTelemetry
{
    public const string Endpoint = "creator_marketplace.connector.endpoint";
    public const string Outcome = "creator_marketplace.outcome";

    public static PackageTelemetry Package { get; } = new(CreatorMarketplaceTelemetry.ConnectorsTikTok);

    private static readonly Counter<long> Requests =
        Package.Meter.CreateCounter<long>("creator_marketplace.connector.requests", "{request}", "Calls to the platform's endpoints, refreshes of a token included.");

    private static readonly Counter<long> Throttles =
        Package.Meter.CreateCounter<long>("creator_marketplace.connector.throttles", "{request}", "Calls answered as rate limited: by the platform (HTTP 429) or by the connector's own budget.");

    private static readonly Counter<long> Errors =
        Package.Meter.CreateCounter<long>("creator_marketplace.connector.errors", "{request}", "Calls that failed: unauthorised, a platform error, or data the domain refused.");

    private static readonly Histogram<double> Duration =
        Package.Meter.CreateHistogram<double>("creator_marketplace.connector.request.duration", "s", "How long a call to an endpoint took, with its retries and waits.");

    public static Activity? Start(string endpoint) =>
        Package.Source.StartActivity("creator_marketplace.connector.request", ActivityKind.Client)?.SetTag(Endpoint, endpoint);

    // Counts a call and its outcome: ok, not_found, unauthorized, rate_limited, platform_error or malformed_data.
    public static void Completed<T>(Activity? activity, long started, string endpoint, ConnectorResult<T> result)
    {
        var outcome = result.Match(
            _ => "ok",
            _ => "not_found",
            _ => "unauthorized",
            _ => "rate_limited",
            _ => "platform_error",
            _ => "malformed_data");
        var endpointTag = new KeyValuePair<string, object?>(Endpoint, endpoint);
        Requests.Add(1, endpointTag);
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, endpointTag, new(Outcome, outcome));
        if (result.IsT3)
        {
            Throttles.Add(1, endpointTag);
        }
        else if (result.IsT2 || result.IsT4 || result.IsT5)
        {
            Errors.Add(1, endpointTag);
        }

        activity?.SetTag(Outcome, outcome);
        if (!result.IsT0 && !result.IsT1)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }
}

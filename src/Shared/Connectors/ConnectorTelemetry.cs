using System.Diagnostics;
using System.Diagnostics.Metrics;
using CreatorMarketplace.Connectors;

namespace CreatorMarketplace.Connectors.Http;

// A connector package's one ActivitySource and Meter, and the connector's instruments on them, alike in every
// connector package. Calls are tagged with the endpoint's name and their outcome only: never a token, a URL's query
// or an account.
internal sealed class ConnectorTelemetry
{
    public const string Endpoint = "creator_marketplace.connector.endpoint";
    public const string Outcome = "creator_marketplace.outcome";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _throttles;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;

    public ConnectorTelemetry(string packageName)
    {
        Package = new PackageTelemetry(packageName);
        _requests = Package.Meter.CreateCounter<long>("creator_marketplace.connector.requests", "{request}", "Calls to the platform's endpoints, refreshes of a token included.");
        _throttles = Package.Meter.CreateCounter<long>("creator_marketplace.connector.throttles", "{request}", "Calls answered as rate limited: by the platform (HTTP 429) or by the connector's own budget.");
        _errors = Package.Meter.CreateCounter<long>("creator_marketplace.connector.errors", "{request}", "Calls that failed: unauthorised, a platform error, or data the domain refused.");
        _duration = Package.Meter.CreateHistogram<double>("creator_marketplace.connector.request.duration", "s", "How long a call to an endpoint took, with its retries and waits.");
    }

    public PackageTelemetry Package { get; }

    /// <summary>
    /// Runs one call of a connector within its span, and counts it: the call holds its own copy of the connector's
    /// secrets, to which it adds the tokens it comes to hold; its outcome leaves without any of them, and a failure is
    /// handed to <paramref name="failed"/> to log.
    /// </summary>
    public async ValueTask<ConnectorResult<T>> RunAsync<T>(string endpoint, Secrets connectorSecrets, Func<Secrets, ValueTask<ConnectorResult<T>>> call, Action<Secrets, string> failed)
    {
        var secrets = connectorSecrets.ForCall();
        var started = Stopwatch.GetTimestamp();
        using var activity = Start(endpoint);
        var result = ConnectorOutcomes.Redact(await call(secrets).ConfigureAwait(false), secrets);
        Completed(activity, started, endpoint, result);
        if (result.Failure is { } failure)
        {
            failed(secrets, failure);
        }

        return result;
    }

    private Activity? Start(string endpoint) =>
        Package.Source.StartActivity("creator_marketplace.connector.request", ActivityKind.Client)?.SetTag(Endpoint, endpoint);

    // Counts a call and its outcome: ok, not_found, unauthorized, rate_limited, platform_error or malformed_data.
    private void Completed<T>(Activity? activity, long started, string endpoint, ConnectorResult<T> result)
    {
        var outcome = result.Match(
            _ => "ok",
            _ => "not_found",
            _ => "unauthorized",
            _ => "rate_limited",
            _ => "platform_error",
            _ => "malformed_data");
        var endpointTag = new KeyValuePair<string, object?>(Endpoint, endpoint);
        _requests.Add(1, endpointTag);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, endpointTag, new(Outcome, outcome));
        if (result.IsT3)
        {
            _throttles.Add(1, endpointTag);
        }
        else if (result.IsT2 || result.IsT4 || result.IsT5)
        {
            _errors.Add(1, endpointTag);
        }

        activity?.SetTag(Outcome, outcome);
        if (!result.IsT0 && !result.IsT1)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
    }
}

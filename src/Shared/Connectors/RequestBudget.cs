using NodaTime;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// The connector's own count of requests per endpoint over a sliding minute, read from the injected clock, so that it
/// never sends the platform more than the budget; and, after the platform asked to slow down, when each endpoint may be called again.
/// </summary>
internal sealed class RequestBudget(int perMinute)
{
    private static readonly Duration Window = Duration.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<Instant>> _sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _blockedUntil = new(StringComparer.Ordinal);

    public int PerMinute => perMinute;

    /// <summary>Takes a request from the endpoint's budget.</summary>
    /// <returns>Null when taken; otherwise how long until one is free.</returns>
    public Duration? TryTake(string endpoint, Instant now)
    {
        lock (_gate)
        {
            if (_blockedUntil.TryGetValue(endpoint, out var until))
            {
                if (now < until)
                {
                    return until - now;
                }

                _blockedUntil.Remove(endpoint);
            }

            var sent = Sent(endpoint, now);
            if (sent.Count >= perMinute)
            {
                return sent.Peek() + Window - now;
            }

            sent.Enqueue(now);
            return null;
        }
    }

    /// <summary>Sends nothing more to the endpoint before <paramref name="until"/>.</summary>
    public void Block(string endpoint, Instant until)
    {
        lock (_gate)
        {
            if (!_blockedUntil.TryGetValue(endpoint, out var already) || already < until)
            {
                _blockedUntil[endpoint] = until;
            }
        }
    }

    /// <summary>
    /// When the oldest request this connector sent to the endpoint in the last minute leaves the window: the estimate
    /// of when the platform's sliding minute frees a request, when the platform gave no Retry-After; a full minute if none is known.
    /// </summary>
    public Duration UntilWindowFrees(string endpoint, Instant now)
    {
        lock (_gate)
        {
            var sent = Sent(endpoint, now);
            return sent.Count == 0 ? Window : sent.Peek() + Window - now;
        }
    }

    private Queue<Instant> Sent(string endpoint, Instant now)
    {
        if (!_sent.TryGetValue(endpoint, out var sent))
        {
            sent = new Queue<Instant>();
            _sent[endpoint] = sent;
        }

        while (sent.Count > 0 && sent.Peek() + Window <= now)
        {
            sent.Dequeue();
        }

        return sent;
    }
}

/// <summary>The state every connector of one registration shares: the request budget and the refresh gates.</summary>
internal sealed class ConnectorState(int requestsPerMinute)
{
    // Striped, so that the gates stay few however many accounts refresh; two accounts sharing a stripe only wait
    // for each other's refresh.
    private readonly SemaphoreSlim[] _refreshGates = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public RequestBudget Budget { get; } = new(requestsPerMinute);

    public SemaphoreSlim RefreshGate(ConnectedAccount account) =>
        _refreshGates[(int)(unchecked((uint)HashCode.Combine(account.Creator, account.Handle)) % (uint)_refreshGates.Length)];
}

/// <summary>
/// Rides on a request so that the retries of the resilience handler, which the connector does not see, are charged
/// too: <see cref="ConnectorExchange"/> charges the first attempt, <see cref="RequestBudgetHandler"/> each retry. The
/// request budget is one charge; a platform's own (YouTube's daily quota) is another.
/// </summary>
internal abstract class AttemptCharge
{
    public static readonly HttpRequestOptionsKey<AttemptCharge> Key = new("CreatorMarketplace.Connectors.AttemptCharge");

    private int _attempts;

    /// <summary>Null when the attempt may go (the first was charged already); otherwise how long until one could.</summary>
    public Duration? TakeForAttempt() => Interlocked.Increment(ref _attempts) == 1 ? null : Take();

    /// <summary>Charges one attempt.</summary>
    /// <returns>Null when charged; otherwise how long until it could be.</returns>
    public abstract Duration? Take();
}

/// <summary>Each attempt takes a request from the budget under its key: the endpoint's, or the account's.</summary>
internal sealed class BudgetTicket(RequestBudget budget, string key, IClock clock) : AttemptCharge
{
    public override Duration? Take() => budget.TryTake(key, clock.GetCurrentInstant());
}

/// <summary>Refuses a retry that its charge has no room for, innermost in the HTTP pipeline so that it sees every attempt.</summary>
internal sealed class RequestBudgetHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Options.TryGetValue(AttemptCharge.Key, out var charge) && charge.TakeForAttempt() is { } wait
            ? Task.FromException<HttpResponseMessage>(new RequestBudgetSpentException(wait))
            : base.SendAsync(request, cancellationToken);
}

/// <summary>A retry found its charge spent; the connector turns it into <see cref="RateLimited"/>.</summary>
#pragma warning disable CA1032 // Internal, thrown and caught only here: no need for the usual constructors.
internal sealed class RequestBudgetSpentException(Duration wait) : Exception("The connector's request budget for this endpoint is spent.")
#pragma warning restore CA1032
{
    public Duration Wait { get; } = wait;
}

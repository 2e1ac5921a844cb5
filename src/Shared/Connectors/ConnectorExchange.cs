using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using NodaTime;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CreatorMarketplace.Connectors.Http;

/// <summary>
/// Sends one request to a platform, charged to what limits it (the request budget, a platform's quota), and reads its
/// whole answer; every way the sending can fail (the charge, a timeout, an open circuit, the network) becomes a
/// result, never an exception, but cancellation.
/// </summary>
internal sealed class ConnectorExchange(HttpClient http, IClock clock, string platform)
{
    /// <summary>The longest wait a <c>Retry-After</c> sets: a day, the longest window any of the platforms counts in.</summary>
    public static readonly Duration MaxRetryAfter = Duration.FromDays(1);

    /// <summary>
    /// The most bytes of an answer read: 16 MiB, far above the largest page any of the platforms sends (a few hundred
    /// KiB), so that a broken or hostile server cannot make the connector hold gigabytes (HttpClient's own limit is 2 GB).
    /// </summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Takes the first attempt's charge, sends, and reads the answer as JSON.</summary>
    /// <param name="endpoint">The endpoint's name, for messages.</param>
    /// <param name="charge">What the request and each retry of it are charged to; null when nothing is.</param>
    /// <param name="build">Makes the request.</param>
    /// <param name="secrets">Redacts every text of the answer that is kept.</param>
    /// <param name="inspect">Reads what the platform's headers say, before the response is let go.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public async ValueTask<ConnectorReply> SendAsync(
        string endpoint,
        AttemptCharge? charge,
        Func<HttpRequestMessage> build,
        Secrets secrets,
        Action<HttpResponseMessage, ConnectorReply>? inspect,
        CancellationToken cancellationToken)
    {
        if (charge?.Take() is { } wait)
        {
            return new ConnectorReply(new RateLimited(wait));
        }

        using var request = build();
        if (charge is not null)
        {
            request.Options.Set(AttemptCharge.Key, charge);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (await ReadAtMostAsync(response.Content, cancellationToken).ConfigureAwait(false) is not { } body)
            {
                return new ConnectorReply(new PlatformError("answer_too_large", $"{platform}'s {endpoint} answered with more than {MaxAnswerBytes.ToString(CultureInfo.InvariantCulture)} bytes.", Retryable: false));
            }

            var reply = new ConnectorReply((int)response.StatusCode, response.ReasonPhrase is { } reason ? secrets.Redact(reason) : null);
            inspect?.Invoke(response, reply);
            try
            {
                using var document = JsonDocument.Parse(body);

                // A member given twice is read differently by different readers (first or last wins): not a
                // documented shape. Found by walking the answer, since .NET 8's reader has no option to refuse it.
                if (GivenTwice(document.RootElement, "") is { } path)
                {
                    reply.NotJson = secrets.Redact($"{path} is given twice.");
                }
                else
                {
                    reply.Root = document.RootElement.Clone();
                }
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

    // The answer's body, or null past MaxAnswerBytes: refused by its length when it gives one, else as soon as the bytes
    // read pass the limit. The read has the client's own timeout, as reading the whole answer within the send had.
    private async ValueTask<ReadOnlyMemory<byte>?> ReadAtMostAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(http.Timeout);
        }

        using var stream = await content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        using var body = new MemoryStream((int)(content.Headers.ContentLength ?? 0));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, deadline.Token).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxAnswerBytes)
            {
                return null;
            }

            body.Write(chunk, 0, read);
        }

        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    /// <summary>The address with a trailing slash, so that a relative path extends it rather than replacing its last segment.</summary>
    public static Uri Folder(Uri address) =>
        new(address.AbsoluteUri.EndsWith('/') ? address.AbsoluteUri : address.AbsoluteUri + "/");

    /// <summary>
    /// A token request: the form posted (so that no secret is in an address), never cached, and never retried by the
    /// resilience handler, since a refresh token a platform rotates is spent by the first attempt.
    /// </summary>
    public static HttpRequestMessage TokenRequest(Uri address, KeyValuePair<string, string>[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new FormUrlEncodedContent(form) };
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        request.Options.Set(ConnectorResilience.NotRetried, true);
        return request;
    }

    // The path of the first member given twice in the value, or null when none is. A name is the platform's own text,
    // of any length: the path shows each briefly, as every message quotes a value.
    private static string? GivenTwice(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                {
                    var name = JsonAt.ShortOrLength(member.Name, "a member name");
                    var at = path.Length == 0 ? name : path + "." + name;
                    if (!names.Add(member.Name))
                    {
                        return at;
                    }

                    if (GivenTwice(member.Value, at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (GivenTwice(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Reads the standard <c>Retry-After</c> header, as seconds or as a date, into the reply: for platforms that send it.
    /// A wait is at most <see cref="MaxRetryAfter"/>, so that a server cannot rest an endpoint for years.
    /// </summary>
    public void ReadRetryAfter(HttpResponseMessage response, ConnectorReply reply)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta is { } delta ? Duration.FromTimeSpan(delta)
            : header?.Date is { } date ? Instant.FromDateTimeOffset(date) - clock.GetCurrentInstant()
            : (Duration?)null;
        reply.RetryAfter = wait is not { } asked ? null
            : asked < Duration.Zero ? Duration.Zero
            : asked > MaxRetryAfter ? MaxRetryAfter
            : asked;
    }
}

/// <summary>What came back: an answer to read, or a failure before any (the charge, the network, a timeout).</summary>
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

    /// <summary>The code of a failed status that the platform gave no code of its own for, such as <c>http_502</c>.</summary>
    public string HttpCode => string.Create(CultureInfo.InvariantCulture, $"http_{Status}");

    /// <summary>Whether the failed status may pass if the call is tried again: 5xx and 408.</summary>
    public bool RetryableStatus => Status is >= 500 or 408;

    /// <summary>The answer as the JSON object every platform answers with, read with the call's secrets; null when it is not one.</summary>
    public JsonAt? Body(Secrets secrets) => Root is { ValueKind: JsonValueKind.Object } root ? new JsonAt(root, "", secrets) : null;

    /// <summary>A successful answer that is not the JSON object every platform answers with.</summary>
    /// <param name="what">What the answer is, as the message names it: "response", "token response".</param>
    public MalformedData NotAnObject(string what) =>
        new(Root is null ? $"the {what} is not JSON: {NotJson}" : $"the {what} is not a JSON object.");

    /// <summary>The failure of a status that came without the platform's own error: its code and reason phrase.</summary>
    public PlatformError StatusError => new(HttpCode, Reason ?? "", RetryableStatus);
}

/// <summary>The outcomes every connector hands back alike.</summary>
internal static class ConnectorOutcomes
{
    /// <summary>
    /// Where every call's outcome leaves a connector: whatever a failure came to say, it leaves without a secret, and
    /// bounded, since it may quote a value of the platform's of any length.
    /// </summary>
    public static ConnectorResult<T> Redact<T>(ConnectorResult<T> result, Secrets secrets) => result.Match<ConnectorResult<T>>(
        _ => result,
        notFound => new NotFound(Said(notFound.What, secrets)),
        unauthorized => new Unauthorized(Said(unauthorized.Reason, secrets)),
        limited => limited,
        error => error with { Code = Said(error.Code, secrets), Message = Said(error.Message, secrets) },
        malformed => new MalformedData(Said(malformed.Reason, secrets)));

    // Redacted before it is cut: a secret cut in half would no longer be found.
    private static string Said(string text, Secrets secrets) => ErrorText.Bound(secrets.Redact(text));

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

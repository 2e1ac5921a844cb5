using System.Globalization;
using NodaTime;
using OneOf;

namespace CreatorMarketplace.Connectors;

/// <summary>The platform has no such account or post (any more).</summary>
/// <param name="What">What was not found, for example <c>post 7301542987100</c>.</param>
public sealed record NotFound(string What);

/// <summary>The platform refused the creator's authorisation: the token expired, was revoked, or lacks a scope.</summary>
/// <param name="Reason">Why, as the platform said it; never the token itself.</param>
public sealed record Unauthorized(string Reason);

/// <summary>The platform asked to slow down.</summary>
/// <param name="RetryAfter">How long to wait before the next call; the platform's figure, or the connector's estimate.</param>
public sealed record RateLimited(Duration RetryAfter);

/// <summary>The platform failed, with its own error code.</summary>
/// <param name="Code">The platform's code, for example TikTok's <c>internal_error</c>.</param>
/// <param name="Message">The platform's message.</param>
/// <param name="Retryable">Whether the same call may succeed later (a timeout, a server error) or never will (a bad request).</param>
public sealed record PlatformError(string Code, string Message, bool Retryable);

/// <summary>
/// The platform answered, but its data cannot be used: not in the documented shape, or with numbers that break
/// their rules (negative counts, a part larger than its whole). Nothing is made of it.
/// </summary>
/// <param name="Reason">What is wrong, naming the field.</param>
public sealed record MalformedData(string Reason);

/// <summary>
/// The outcome of a connector call: the value, or <see cref="NotFound"/>, <see cref="Unauthorized"/>,
/// <see cref="RateLimited"/>, <see cref="PlatformError"/> or <see cref="MalformedData"/>.
/// </summary>
/// <typeparam name="T">The value.</typeparam>
[Union]
public sealed partial class ConnectorResult<T> : OneOfBase<T, NotFound, Unauthorized, RateLimited, PlatformError, MalformedData>
{
    /// <summary>Whether the call gave the value.</summary>
    public bool Succeeded => IsT0;

    /// <summary>The value, or throws naming the failure; for callers that have no use for a failure.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The call failed.</exception>
    public T GetValueOrThrow() => IsT0 ? AsT0 : throw new InvalidOperationException($"The platform call failed: {Failure}.");

    /// <summary>The failure as a sentence, or null when the call succeeded.</summary>
    public string? Failure => Match<string?>(
        _ => null,
        notFound => $"not found: {notFound.What}",
        unauthorized => $"unauthorised: {unauthorized.Reason}",
        limited => $"rate limited: retry after {limited.RetryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
        error => $"platform error {error.Code}: {error.Message}{(error.Retryable ? " (retryable)" : "")}",
        malformed => $"malformed data: {malformed.Reason}");

    /// <summary>
    /// Wraps a value; for values of an interface type (<c>IReadOnlyList&lt;PostMetrics&gt;</c>), which C# does not
    /// convert implicitly.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ConnectorResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Failure ?? $"ok: {AsT0}";
}

using System.Text.Json;
using System.Text.RegularExpressions;
using CreatorMarketplace.Access;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreatorMarketplace.AspNetCore;

/// <summary>
/// The library's outcomes as RFC 9457 problem details: a stable <see cref="ProblemDetails.Type"/> and
/// <see cref="ProblemDetails.Title"/> per kind of problem, and a <c>code</c> extension member in the library's
/// dotted codes. A problem names fields and codes, never a refused value: the library's messages quote what was
/// refused, so they stay in the server's logs.
/// </summary>
public static partial class MarketplaceProblems
{
    /// <summary>The page that describes every problem type; each type is this address and a fragment.</summary>
    public const string TypeBase = "https://github.com/creatormarketplace/CreatorMarketplace.Core/blob/main/docs/aspnetcore.md#";

    /// <summary>The type of a request that breaks the library's rules (400).</summary>
    public const string ValidationType = TypeBase + "validation";

    /// <summary>The type of a command the aggregate refused in its current state (409).</summary>
    public const string NotAllowedType = TypeBase + "not-allowed";

    /// <summary>The type of a save that lost a race with another writer (409, or 412 under <c>If-Match</c>).</summary>
    public const string ConflictType = TypeBase + "conflict";

    /// <summary>The type of an aggregate the store does not hold (404).</summary>
    public const string NotFoundType = TypeBase + "not-found";

    /// <summary>The type of something the actor may view but not do (403).</summary>
    public const string ForbiddenType = TypeBase + "forbidden";

    /// <summary>The <c>code</c> of a forbidden action; <c>reasons</c> holds each reason's code.</summary>
    public const string ForbiddenCode = "access.denied";

    /// <summary>The <c>code</c> of a validation problem; <c>errors</c> holds each field's own codes.</summary>
    public const string ValidationCode = "request.invalid";

    /// <summary>The code a field of a JSON body gets when the JSON itself is malformed or of the wrong shape.</summary>
    public const string JsonInvalidCode = "request.json_invalid";

    /// <summary>The <c>code</c> of a refused command.</summary>
    public const string NotAllowedCode = "command.not_allowed";

    /// <summary>The <c>code</c> of a save conflict.</summary>
    public const string ConflictCode = "store.conflict";

    /// <summary>The <c>code</c> of a missing aggregate.</summary>
    public const string NotFoundCode = "aggregate.not_found";

    /// <summary>
    /// A 400 problem naming every field at fault with its codes (<c>errors</c>: field, as a JSON member path, to
    /// codes; the empty field is the value as a whole).
    /// </summary>
    /// <param name="errors">The problems found, at least one.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is null.</exception>
    public static HttpValidationProblemDetails Validation(IEnumerable<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Validation(errors.Select(error => (CreatorMarketplaceJson.JsonMemberPath(error.Field), error.Code)));
    }

    /// <summary>A 409 problem for a command refused in the aggregate's current state, naming the action and the state.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public static ProblemDetails NotAllowed(NotAllowed refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var problem = Problem(StatusCodes.Status409Conflict, NotAllowedType, "The action is not allowed in the current state.", NotAllowedCode, refusal.ToString());
        problem.Extensions["action"] = refusal.Action;
        problem.Extensions["state"] = refusal.State;
        return problem;
    }

    /// <summary>
    /// A problem for a save that found another version stored: 409, or 412 when the request made its change
    /// conditional (<c>If-Match</c>), with the aggregate and both versions.
    /// </summary>
    /// <param name="conflict">The conflict.</param>
    /// <param name="preconditionFailed">Whether the request carried a precondition (<c>If-Match</c>).</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conflict"/> is null.</exception>
    public static ProblemDetails Conflict(Conflict conflict, bool preconditionFailed)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var problem = Problem(
            preconditionFailed ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            ConflictType,
            "The resource was changed by another request.",
            ConflictCode,
            $"The {conflict.Aggregate} was expected at version {conflict.ExpectedVersion} but is stored at version {conflict.StoredVersion}: read it again and redo the change.");
        problem.Extensions["aggregate"] = conflict.Aggregate;
        problem.Extensions["expectedVersion"] = conflict.ExpectedVersion;
        problem.Extensions["storedVersion"] = conflict.StoredVersion;
        return problem;
    }

    /// <summary>A 404 problem for an aggregate the store does not hold, named by its id's type (<c>CreatorId</c>: <c>Creator</c>).</summary>
    /// <typeparam name="TId">The id's type.</typeparam>
    /// <returns>The problem.</returns>
    public static ProblemDetails NotFound<TId>()
        where TId : struct, IEntityId<TId>
    {
        var aggregate = typeof(TId).Name.EndsWith("Id", StringComparison.Ordinal) ? typeof(TId).Name[..^2] : typeof(TId).Name;
        var problem = Problem(StatusCodes.Status404NotFound, NotFoundType, "The resource does not exist.", NotFoundCode, $"No {aggregate} is stored under this id.");
        problem.Extensions["aggregate"] = aggregate;
        return problem;
    }

    /// <summary>
    /// The problem an access denial stands for: 403 with the reasons' codes when the actor may view the resource, and
    /// otherwise the 404 of a resource that does not exist, so that the answer does not tell that it does.
    /// </summary>
    /// <param name="denial">The denial.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="denial"/> is null.</exception>
    public static ProblemDetails AccessDenied(AccessDenied denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        if (!denial.CanView)
        {
            return Problem(StatusCodes.Status404NotFound, NotFoundType, "The resource does not exist.", NotFoundCode, "No such resource is stored under this id.");
        }

        var problem = Problem(StatusCodes.Status403Forbidden, ForbiddenType, "The actor may not do this.", ForbiddenCode, "reasons names why; ask someone whose role permits it.");
        problem.Extensions["reasons"] = denial.Reasons.Select(reason => reason.Code).Distinct(StringComparer.Ordinal).ToArray();
        return problem;
    }

    /// <summary>
    /// The problem an exception of the library stands for, or null for any other exception: a
    /// <see cref="DomainValidationException"/> (400), a <see cref="NotAllowedException"/> (409), a
    /// <see cref="ConflictException"/> (409 or 412), an <see cref="AccessDeniedException"/> (403, or 404 when the actor
    /// may not even view the resource), and a request ASP.NET Core could not read
    /// (<see cref="BadHttpRequestException"/>: its status, with the JSON path of a bad body's value as the field).
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="request">The request, whose <c>If-Match</c> turns a conflict into 412.</param>
    /// <returns>The problem, or null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ProblemDetails? For(Exception exception, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(request);
        return exception switch
        {
            DomainValidationException invalid => Validation(invalid.Errors),
            NotAllowedException refused => NotAllowed(refused.Refusal),
            ConflictException conflict => Conflict(conflict.Conflict, HasPrecondition(request)),
            AccessDeniedException denied => AccessDenied(denied.Denial),
            BadHttpRequestException { InnerException: JsonException json } => Json(json),
            BadHttpRequestException bad => Problem(bad.StatusCode, ValidationType, "The request could not be read.", ValidationCode, detail: null),
            _ => null,
        };
    }

    /// <summary>Whether the request made its change conditional on a version (<c>If-Match</c>).</summary>
    internal static bool HasPrecondition(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    // A body the serializer refused: the field is the value's JSON path (the message, which quotes the value, stays
    // out). The path is made of the request's own member names, so it is kept only when each is a plain name of at
    // most 64 characters (a member the endpoint may have) and the whole at most 256; otherwise the field is the body
    // itself, so that no text of the request, of any length, comes back in the problem.
    private static HttpValidationProblemDetails Json(JsonException exception)
    {
        var path = exception.Path is { Length: <= 256 } given && PlainPath().IsMatch(given) ? given : "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        var codes = DomainValidation(exception) is { } invalid
            ? invalid.Errors.Select(error => error.Code)
            : [JsonInvalidCode];
        return Validation(codes.Select(code => (field, code)));
    }

    // The domain's refusal behind a JSON error, however deep the value that refused it.
    private static DomainValidationException? DomainValidation(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DomainValidationException invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    private static HttpValidationProblemDetails Validation(IEnumerable<(string Field, string Code)> errors)
    {
        var byField = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Code).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var problem = new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ValidationType,
            Title = "The request breaks the marketplace's rules.",
            Detail = byField.Count == 1 ? "One field is at fault; errors names it with its codes." : $"{byField.Count} fields are at fault; errors names each with its codes.",
        };
        problem.Extensions["code"] = ValidationCode;
        return problem;
    }

    private static ProblemDetails Problem(int status, string type, string title, string code, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_]{0,63}|\[[0-9]{1,9}\])*\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PlainPath();
}

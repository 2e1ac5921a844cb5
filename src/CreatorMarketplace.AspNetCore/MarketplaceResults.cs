using CreatorMarketplace.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreatorMarketplace.AspNetCore;

/// <summary>
/// The library's results as minimal-API results: what was done as the endpoint says, what was refused as the
/// problem <see cref="MarketplaceProblems"/> writes for it.
/// </summary>
public static class MarketplaceResults
{
    /// <summary>A command's result: <paramref name="done"/> (204 No Content unless given), or 409 when it was not allowed.</summary>
    /// <param name="result">The result.</param>
    /// <param name="done">The answer when the command was carried out; null for 204 No Content.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static IResult ToHttpResult(this CommandResult result, Func<IResult>? done = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Refusal is { } refusal ? Problem(MarketplaceProblems.NotAllowed(refusal)) : done?.Invoke() ?? TypedResults.NoContent();
    }

    /// <summary>A command's result on a value: <paramref name="done"/> with the new value, or 409 when it was not allowed.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="result">The result.</param>
    /// <param name="done">The answer with the new value.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IResult ToHttpResult<T>(this CommandResult<T> result, Func<T, IResult> done)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(done);
        return result.Refusal is { } refusal ? Problem(MarketplaceProblems.NotAllowed(refusal)) : done(result.GetValueOrThrow());
    }

    /// <summary>
    /// A save's result: <paramref name="saved"/> (204 No Content unless given), or the conflict, 409, or 412 when the
    /// request carried <c>If-Match</c>.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="saved">The answer when the aggregate was stored; null for 204 No Content.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static IResult ToHttpResult(this SaveResult result, Func<Saved, IResult>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Conflict is { } conflict
            ? new ConflictProblem(conflict)
            : saved?.Invoke(result.ThrowIfConflict()) ?? TypedResults.NoContent();
    }

    /// <summary>A validated value: <paramref name="valid"/> with the value, or 400 naming every field and code.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="result">The result.</param>
    /// <param name="valid">The answer with the valid value.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IResult ToHttpResult<T>(this Validated<T> result, Func<T, IResult> valid)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(valid);
        return result.IsValid ? valid(result.GetValueOrThrow()) : Problem(MarketplaceProblems.Validation(result.Errors));
    }

    /// <summary>
    /// 404 for an aggregate the store does not hold, named by its id's type:
    /// <c>await creators.FindAsync(id) is { } creator ? TypedResults.Ok(…) : MarketplaceResults.NotFound&lt;CreatorId&gt;()</c>.
    /// </summary>
    /// <typeparam name="TId">The id's type.</typeparam>
    /// <returns>The HTTP result.</returns>
    public static IResult NotFound<TId>()
        where TId : struct, IEntityId<TId> =>
        Problem(MarketplaceProblems.NotFound<TId>());

    /// <summary>A problem as a result, its status the problem's.</summary>
    internal static IResult Problem(ProblemDetails problem) => TypedResults.Problem(problem);

    // The status depends on the request (If-Match), which a result sees only when it is executed.
    private sealed class ConflictProblem(Conflict conflict) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            Problem(MarketplaceProblems.Conflict(conflict, MarketplaceProblems.HasPrecondition(httpContext.Request))).ExecuteAsync(httpContext);
    }
}

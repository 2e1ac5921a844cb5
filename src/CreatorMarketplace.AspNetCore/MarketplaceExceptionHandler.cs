using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CreatorMarketplace.AspNetCore;

/// <summary>
/// Answers the library's exceptions with the problems <see cref="MarketplaceProblems.For"/> gives; any other
/// exception is left to the next handler.
/// </summary>
internal sealed class MarketplaceExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (MarketplaceProblems.For(exception, httpContext.Request) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

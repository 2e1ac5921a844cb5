using CreatorMarketplace.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CreatorMarketplace.AspNetCore;

/// <summary>Endpoint filters that answer a request the library refuses with a 400 problem instead of running the endpoint or failing it.</summary>
public static class MarketplaceEndpointFilters
{
    /// <summary>
    /// Checks every <see cref="CreatorQuery"/> the endpoint is given (<see cref="CreatorQuery.Validate"/>) before it
    /// runs, and answers a query with problems with a 400 naming each field and code.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint's builder.</typeparam>
    /// <param name="builder">The endpoint, or a group of endpoints.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TBuilder ValidateCreatorQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is CreatorQuery query && query.Validate() is { Count: > 0 } errors)
                {
                    return MarketplaceResults.Problem(MarketplaceProblems.Validation(errors));
                }
            }

            return await next(context);
        });
    }

    /// <summary>
    /// Answers a <see cref="DomainValidationException"/> the endpoint throws (building a query or a value from the
    /// request) with a 400 naming each field and code, for an endpoint or group that does not rely on the exception
    /// handler of <see cref="MarketplaceHttpServices.AddCreatorMarketplaceProblemDetails"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint's builder.</typeparam>
    /// <param name="builder">The endpoint, or a group of endpoints.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TBuilder WithValidationProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (DomainValidationException invalid)
            {
                return MarketplaceResults.Problem(MarketplaceProblems.Validation(invalid.Errors));
            }
        });
    }
}

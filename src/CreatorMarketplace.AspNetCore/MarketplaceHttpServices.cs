using CreatorMarketplace.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreatorMarketplace.AspNetCore;

/// <summary>Sets an ASP.NET Core application up for the library: its JSON and its problem details.</summary>
public static class MarketplaceHttpServices
{
    /// <summary>
    /// Reads and writes the library's types in request and response bodies: configures the minimal APIs' JSON
    /// options and MVC's with <see cref="CreatorMarketplaceJson.ConfigureForCreatorMarketplace"/> (the value
    /// converters, the smart enums by name, NodaTime), on top of ASP.NET Core's web defaults.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCreatorMarketplaceJson(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options => options.SerializerOptions.ConfigureForCreatorMarketplace());
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => options.JsonSerializerOptions.ConfigureForCreatorMarketplace());
        return services;
    }

    /// <summary>
    /// Answers the library's exceptions as problem details (<see cref="MarketplaceProblems.For"/>): registers
    /// ASP.NET Core's problem details and an <see cref="IExceptionHandler"/>, which <c>app.UseExceptionHandler()</c>
    /// runs. Minimal APIs are made to throw on a request they cannot bind (a bad JSON body, an id that is not one),
    /// so that the handler answers it with the field at fault. Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddCreatorMarketplaceProblemDetails(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, MarketplaceExceptionHandler>());
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}

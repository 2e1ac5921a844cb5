using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreatorMarketplace.AspNetCore.Tests;

public class MarketplaceHttpServicesTests
{
    [Fact]
    public void Calling_the_set_up_twice_registers_one_handler_and_configures_json_once()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCreatorMarketplaceProblemDetails().AddCreatorMarketplaceProblemDetails();
        services.AddCreatorMarketplaceJson().AddCreatorMarketplaceJson();
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IExceptionHandler>().Count().ShouldBe(1);
        provider.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest.ShouldBeTrue();
        var json = provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        System.Text.Json.JsonSerializer.Serialize(Money.Parse("USD 1.5"), json).ShouldBe("""{"amount":"1.50","currency":"USD"}""");
    }
}

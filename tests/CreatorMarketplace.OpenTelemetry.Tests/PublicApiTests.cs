using OpenTelemetry;
using PublicApiGenerator;

namespace CreatorMarketplace.OpenTelemetry.Tests;

public class PublicApiTests
{
    [Fact]
    public void OpenTelemetry_public_api_is_approved()
    {
        var api = typeof(CreatorMarketplaceInstrumentation).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.OpenTelemetry_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

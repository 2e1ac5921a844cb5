using CreatorMarketplace.DependencyInjection;
using PublicApiGenerator;

namespace CreatorMarketplace.DependencyInjection.Tests;

public class PublicApiTests
{
    [Fact]
    public void DependencyInjection_public_api_is_approved()
    {
        var api = typeof(CreatorMarketplaceBuilder).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.DependencyInjection_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

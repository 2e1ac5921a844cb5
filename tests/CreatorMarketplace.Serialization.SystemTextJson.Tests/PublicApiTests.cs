using PublicApiGenerator;

namespace CreatorMarketplace.Serialization.Tests;

public class PublicApiTests
{
    [Fact]
    public void Serialization_public_api_is_approved()
    {
        var api = typeof(CreatorMarketplaceJson).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.Serialization_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

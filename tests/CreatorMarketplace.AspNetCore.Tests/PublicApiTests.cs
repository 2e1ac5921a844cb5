using PublicApiGenerator;

namespace CreatorMarketplace.AspNetCore.Tests;

public class PublicApiTests
{
    [Fact]
    public void AspNetCore_public_api_is_approved()
    {
        var api = typeof(MarketplaceProblems).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.AspNetCore_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

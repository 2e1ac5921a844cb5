using PublicApiGenerator;

namespace CreatorMarketplace.Testing.Tests;

public class PublicApiTests
{
    [Fact]
    public void Testing_public_api_is_approved()
    {
        var api = typeof(KernelArbitraries).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.Testing_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

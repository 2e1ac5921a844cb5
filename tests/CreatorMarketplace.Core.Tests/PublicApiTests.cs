using PublicApiGenerator;

namespace CreatorMarketplace.Tests;

public class PublicApiTests
{
    [Fact]
    public void Core_public_api_is_approved()
    {
        var api = typeof(Money).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.Core_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

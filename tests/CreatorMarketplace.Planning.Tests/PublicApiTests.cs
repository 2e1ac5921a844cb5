using CreatorMarketplace.Planning;
using PublicApiGenerator;

namespace CreatorMarketplace.Planning.Tests;

public class PublicApiTests
{
    [Fact]
    public void Planning_public_api_is_approved()
    {
        var api = typeof(CreatorTest).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.Planning_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

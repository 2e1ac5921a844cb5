using PublicApiGenerator;

namespace CreatorMarketplace.Connectors.TikTok.Tests;

public class PublicApiTests
{
    [Fact]
    public void TikTok_connector_public_api_is_approved()
    {
        var api = typeof(TikTokConnector).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.TikTok_connector_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

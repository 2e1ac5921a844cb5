using PublicApiGenerator;

namespace CreatorMarketplace.Connectors.YouTube.Tests;

public class PublicApiTests
{
    [Fact]
    public void YouTube_connector_public_api_is_approved()
    {
        var api = typeof(YouTubeConnector).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.YouTube_connector_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

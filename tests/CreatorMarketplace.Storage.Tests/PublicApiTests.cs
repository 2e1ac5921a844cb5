using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Storage.Sqlite;
using PublicApiGenerator;

namespace CreatorMarketplace.Storage.Tests;

public class PublicApiTests
{
    [Fact]
    public void Sqlite_public_api_is_approved()
    {
        var api = typeof(SqliteMarketplaceStore).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.Sqlite_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }

    [Fact]
    public void PostgreSql_public_api_is_approved()
    {
        var api = typeof(PostgreSqlMarketplaceStore).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        // A changed surface fails here until PublicApiTests.PostgreSql_public_api_is_approved.approved.txt is updated.
        api.ShouldMatchApproved(options => options.NoDiff());
    }
}

using System.Net;
using System.Net.Http.Json;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>The sample configured for PostgreSQL: seeded on first start, searched, and a shortlist kept.</summary>
public sealed class PostgreSqlTests(PostgreSqlSampleApiFactory factory) : IClassFixture<PostgreSqlSampleApiFactory>
{
    [SkippableFact]
    public async Task On_PostgreSQL_the_seeded_creators_are_searched_and_a_shortlist_is_kept()
    {
        PostgreSqlSampleApiFactory.RequireServer();
        var client = await factory.CreateReadyClientAsync();

        var all = await (await client.GetAsync("/creators?pageSize=1")).Body(HttpStatusCode.OK);
        all["totalCount"]!.GetValue<int>().ShouldBe(SampleApiFactory.SeededCreators);
        var creator = all["items"]![0]!["id"]!.GetValue<string>();
        var path = (await client.PostAsJsonAsync("/shortlists", new { brand = Guid.CreateVersion7(), name = "picks" })).Headers.Location!.ToString();
        await (await client.PostAsJsonAsync($"{path}/creators", new { creator, tags = new[] { "spring" } })).Body(HttpStatusCode.OK);

        var read = await (await client.GetAsync(path)).Body(HttpStatusCode.OK);
        read["entries"]![0]!["creator"]!.GetValue<string>().ShouldBe(creator);
    }
}

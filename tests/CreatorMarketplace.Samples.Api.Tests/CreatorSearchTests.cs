using System.Net;
using System.Text.Json.Nodes;
using CreatorMarketplace.AspNetCore;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>Creator search and lookup over HTTP, on the sample's seeded SQLite file.</summary>
public sealed class CreatorSearchTests(SampleApiFactory factory) : IClassFixture<SampleApiFactory>
{
    [Fact]
    public async Task Paging_with_the_cursor_visits_every_match_once_and_counts_the_facets_on_the_first_page_only()
    {
        var client = await factory.CreateReadyClientAsync();
        var seen = new List<string>();
        string? next = null;
        int? total = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/creators?country=US&sort=followers&pageSize=7{(next is null ? "" : $"&after={Uri.EscapeDataString(next)}")}")).Body(HttpStatusCode.OK);
            total ??= page["totalCount"]!.GetValue<int>();
            page["totalCount"]!.GetValue<int>().ShouldBe(total.Value);

            // Only the first page counts the facets, which every later page would repeat.
            if (pages == 0)
            {
                page["facets"]!["country"]!["US"]!.GetValue<int>().ShouldBe(total.Value);
            }
            else
            {
                page["facets"].ShouldBeNull();
            }

            seen.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
            pages++;
        }
        while (next is not null && pages < 100);

        total.ShouldNotBeNull();
        total.Value.ShouldBeGreaterThan(7, "the seeded creators fill more than one page");
        seen.Count.ShouldBe(total.Value);
        seen.Distinct().Count().ShouldBe(total.Value);
    }

    [Fact]
    public async Task A_search_answers_its_facets_and_filters_on_label_and_followers()
    {
        var client = await factory.CreateReadyClientAsync();

        var all = await (await client.GetAsync("/creators?country=US")).Body(HttpStatusCode.OK);
        var page = await (await client.GetAsync("/creators?country=US&label=beauty&minFollowers=10000&sort=engagementRate")).Body(HttpStatusCode.OK);

        all["facets"]!["country"]!["US"]!.GetValue<int>().ShouldBe(all["totalCount"]!.GetValue<int>());
        var matches = page["totalCount"]!.GetValue<int>();
        matches.ShouldBeGreaterThan(0);
        matches.ShouldBeLessThan(all["totalCount"]!.GetValue<int>());
        page["facets"]!["contentLabel"]!["beauty"]!.GetValue<int>().ShouldBe(matches);
        page["facets"]!["tier"]!.AsObject().Sum(tier => tier.Value!.GetValue<int>()).ShouldBe(matches);
    }

    [Fact]
    public async Task A_query_that_cannot_be_read_is_400_naming_each_parameter()
    {
        var client = await factory.CreateReadyClientAsync();

        var problem = await (await client.GetAsync("/creators?country=XX&minFollowers=many&sort=loudest&after=nowhere")).Problem(HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);

        problem.Errors().Keys.Order().ShouldBe(["after", "country", "minFollowers", "sort"]);
        problem.ToJsonString().ShouldNotContain("loudest");
    }

    [Fact]
    public async Task A_query_the_catalog_refuses_is_400_naming_its_fields()
    {
        var client = await factory.CreateReadyClientAsync();

        var problem = await (await client.GetAsync("/creators?minFollowers=5000&maxFollowers=10&pageSize=0")).Problem(HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);

        problem.Errors().Keys.Order().ShouldBe(["followers", "pageSize"]);
    }

    [Fact]
    public async Task A_creator_is_found_by_id_and_an_unknown_one_is_404()
    {
        var client = await factory.CreateReadyClientAsync();
        var first = (await (await client.GetAsync("/creators?pageSize=1")).Body(HttpStatusCode.OK))["items"]![0]!;

        var creator = await (await client.GetAsync($"/creators/{first["id"]!.GetValue<string>()}")).Body(HttpStatusCode.OK);
        var missing = await (await client.GetAsync($"/creators/{Guid.CreateVersion7()}")).Problem(HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);

        JsonNode.DeepEquals(creator, first).ShouldBeTrue();
        missing["aggregate"]!.GetValue<string>().ShouldBe("Creator");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        var client = await factory.CreateReadyClientAsync();

        var document = await (await client.GetAsync("/openapi/v1.json")).Body(HttpStatusCode.OK);

        document["openapi"]!.GetValue<string>().ShouldStartWith("3.");
        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToList();
        paths.ShouldContain("/creators");
        paths.ShouldContain("/creators/{id}");
        paths.ShouldContain("/shortlists/{id}/creators");
        document["paths"]!["/creators"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["country", "label", "minFollowers", "maxFollowers", "keyword", "sort", "order", "pageSize", "after"], ignoreOrder: true);
    }
}

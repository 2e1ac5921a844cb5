using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.AspNetCore;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>A brand's shortlist over HTTP: created, filled with tags and notes, refused a creator twice, emptied.</summary>
public sealed class ShortlistTests(SampleApiFactory factory) : IClassFixture<SampleApiFactory>
{
    [Fact]
    public async Task A_shortlist_lists_creators_with_tags_and_notes_and_refuses_one_twice()
    {
        var client = await factory.CreateReadyClientAsync();
        var found = (await (await client.GetAsync("/creators?country=US&sort=followers&pageSize=2")).Body(HttpStatusCode.OK))["items"]!.AsArray();
        var (first, second) = (found[0]!["id"]!.GetValue<string>(), found[1]!["id"]!.GetValue<string>());

        var created = await client.PostAsJsonAsync("/shortlists", new { brand = Guid.CreateVersion7(), name = "Spring glow: first picks" });
        var shortlist = await created.Body(HttpStatusCode.Created);
        var path = created.Headers.Location!.ToString();
        path.ShouldBe($"/shortlists/{shortlist["id"]!.GetValue<string>()}");

        var entry = await (await client.PostAsJsonAsync($"{path}/creators", new { creator = first, tags = new[] { "spring", "video" }, note = "great texture shots" })).Body(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"{path}/creators", new { creator = second })).Body(HttpStatusCode.OK);
        var twice = await (await client.PostAsJsonAsync($"{path}/creators", new { creator = first, tags = new[] { "again" } })).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);

        entry["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()).ShouldBe(["spring", "video"]);
        entry["note"]!.GetValue<string>().ShouldBe("great texture shots");
        twice["action"]!.GetValue<string>().ShouldBe("add");
        twice["state"]!.GetValue<string>().ShouldBe("listed");
        var read = await (await client.GetAsync(path)).Body(HttpStatusCode.OK);
        read["name"]!.GetValue<string>().ShouldBe("Spring glow: first picks");
        read["entries"]!.AsArray().Select(e => e!["creator"]!.GetValue<string>()).ShouldBe([first, second]);
        JsonNode.DeepEquals(read["entries"]![0], entry).ShouldBeTrue();

        (await client.DeleteAsync($"{path}/creators/{first}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await (await client.GetAsync(path)).Body(HttpStatusCode.OK);
        after["entries"]!.AsArray().Select(e => e!["creator"]!.GetValue<string>()).ShouldBe([second]);
    }

    [Fact]
    public async Task A_shortlist_and_its_creators_must_be_held_by_the_store()
    {
        var client = await factory.CreateReadyClientAsync();
        var path = (await client.PostAsJsonAsync("/shortlists", new { brand = Guid.CreateVersion7(), name = "picks" })).Headers.Location!.ToString();

        var unknown = await (await client.PostAsJsonAsync($"{path}/creators", new { creator = Guid.CreateVersion7() })).Problem(HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);
        var missing = await (await client.GetAsync($"/shortlists/{Guid.CreateVersion7()}")).Problem(HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);
        var notListed = await (await client.DeleteAsync($"{path}/creators/{Guid.CreateVersion7()}")).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);

        unknown["aggregate"]!.GetValue<string>().ShouldBe("Creator");
        missing["aggregate"]!.GetValue<string>().ShouldBe("Shortlist");
        notListed["action"]!.GetValue<string>().ShouldBe("remove");
    }
}

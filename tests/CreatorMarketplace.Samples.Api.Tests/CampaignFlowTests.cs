using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.AspNetCore;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>The workflow sample's campaign over HTTP, one POST per step, with the refusals of steps out of order.</summary>
public sealed class CampaignFlowTests(SampleApiFactory factory) : IClassFixture<SampleApiFactory>
{
    private static readonly object Brand = new { by = "brand" };

    [Fact]
    public async Task A_campaign_runs_from_invitation_to_payout()
    {
        var client = await factory.CreateReadyClientAsync();
        var creator = (await (await client.GetAsync("/creators?country=US&sort=followers&pageSize=1")).Body(HttpStatusCode.OK))["items"]![0]!["id"]!.GetValue<string>();

        var campaign = await Post(client, "/campaigns", NewCampaign(), HttpStatusCode.Created);
        campaign["status"]!.GetValue<string>().ShouldBe("recruiting");

        var invited = await Post(client, $"/campaigns/{campaign["id"]}/invitations", new { creator }, HttpStatusCode.Created);
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        invited["creator"]!.GetValue<string>().ShouldBe(creator);
        var collaboration = $"/collaborations/{invited["id"]}";

        var offered = await Post(client, $"{collaboration}/offers", new { from = "brand", price = Usd("800.00") }, HttpStatusCode.OK);
        offered["offers"]![0]!["price"]!["amount"]!.GetValue<string>().ShouldBe("800.00");
        var countered = await Post(client, $"{collaboration}/offers", new { from = "creator", price = Usd("1000.00") }, HttpStatusCode.OK);
        countered["offers"]!.AsArray().Count.ShouldBe(2);
        var agreed = await Post(client, $"{collaboration}/offers/2/acceptance", Brand, HttpStatusCode.OK);
        agreed["offers"]![1]!["status"]!.GetValue<string>().ShouldBe("accepted");

        var contract = await Post(client, "/contracts", new { collaboration = invited["id"]!.GetValue<string>() }, HttpStatusCode.Created);
        contract["fee"]!["amount"]!.GetValue<string>().ShouldBe("1000.00");
        var path = $"/contracts/{contract["id"]}";
        await Post(client, $"{path}/signatures", new { party = "Brand", signer = "Ana Brandt" }, HttpStatusCode.OK);
        await Post(client, $"{path}/signatures", new { party = "Creator", signer = "Maya Makes" }, HttpStatusCode.OK);
        var active = await Post(client, $"{path}/activation", null, HttpStatusCode.OK);
        active["inForce"]!.GetValue<int>().ShouldBe(1);
        var attached = await Post(client, $"{collaboration}/contract", new { contract = contract["id"]!.GetValue<string>() }, HttpStatusCode.OK);
        attached["contract"]!.GetValue<string>().ShouldBe(contract["id"]!.GetValue<string>());

        // Nothing is owed before the content is approved.
        var early = await (await client.PostAsync($"{collaboration}/payout", null)).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);
        early["action"]!.GetValue<string>().ShouldBe("pay out");

        await Post(client, $"{collaboration}/drafts", new { content = "https://cdn.example.com/drafts/launch-video-1.mp4" }, HttpStatusCode.OK);
        var revising = await Post(client, $"{collaboration}/revision-requests", new { notes = "show the texture closer" }, HttpStatusCode.OK);
        revising["deliverables"]![0]!["revisionsRequested"]!.GetValue<int>().ShouldBe(1);
        await Post(client, $"{collaboration}/drafts", new { content = "https://cdn.example.com/drafts/launch-video-2.mp4" }, HttpStatusCode.OK);
        var approved = await Post(client, $"{collaboration}/approval", null, HttpStatusCode.OK);
        approved["deliverables"]![0]!["approved"]!.GetValue<bool>().ShouldBeFalse("paid use is granted, so the platform's ad review comes first");
        var reviewed = await Post(client, $"{collaboration}/ad-review", new { passed = true }, HttpStatusCode.OK);
        reviewed["deliverables"]![0]!["approved"]!.GetValue<bool>().ShouldBeTrue();
        var posted = await Post(client, $"{collaboration}/post", new { platformPostId = "7301542987100", url = "https://www.tiktok.com/@creator/video/7301542987100" }, HttpStatusCode.OK);
        posted["deliverables"]![0]!["post"]!.GetValue<string>().ShouldBe("https://www.tiktok.com/@creator/video/7301542987100");
        var verified = await Post(client, $"{collaboration}/verification", new { caption = "My morning glow routine #ad #springglow", brandedContentFlag = true }, HttpStatusCode.OK);
        verified["deliverables"]![0]!["verified"]!.GetValue<bool>().ShouldBeTrue();
        verified["status"]!.GetValue<string>().ShouldBe("completed");

        var payout = await Post(client, $"{collaboration}/payout", null, HttpStatusCode.OK);
        payout["amount"]!["amount"]!.GetValue<string>().ShouldBe("1000.00");
        payout["status"]!.GetValue<string>().ShouldBe("sent");

        (await client.PostAsJsonAsync($"{collaboration}/metrics", new { views = 420_000, likes = 28_560, comments = 1_680, shares = 3_780 })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var report = await (await client.GetAsync($"/campaigns/{campaign["id"]}/report")).Body(HttpStatusCode.OK);
        var row = report["creators"]!.AsArray().ShouldHaveSingleItem()!;
        row["creator"]!.GetValue<string>().ShouldBe(creator);
        row["views"]!.GetValue<long>().ShouldBe(420_000);
        row["engagements"]!.GetValue<long>().ShouldBe(34_020);
        row["cpm"]!.GetValue<decimal>().ShouldBe(1000m / 420m, 0.01m);
        row["cpe"]!.GetValue<decimal>().ShouldBe(1000m / 34_020m, 0.001m);
        row["engagementRate"]!.GetValue<double>().ShouldBeGreaterThan(0);
        report["total"]!["views"]!.GetValue<long>().ShouldBe(420_000);
        report["total"]!["cost"]!["amount"]!.GetValue<string>().ShouldBe("1000.00");
        report["total"]!["engagementRate"]!.GetValue<double>().ShouldBe(row["engagementRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_report_of_a_campaign_without_posts_has_no_rows_and_an_unknown_campaign_is_404()
    {
        var client = await factory.CreateReadyClientAsync();
        var campaign = await Post(client, "/campaigns", NewCampaign(), HttpStatusCode.Created);

        var report = await (await client.GetAsync($"/campaigns/{campaign["id"]}/report")).Body(HttpStatusCode.OK);
        var missing = await (await client.GetAsync($"/campaigns/{Guid.CreateVersion7()}/report")).Problem(HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);

        report["creators"]!.AsArray().ShouldBeEmpty();
        report["name"]!.GetValue<string>().ShouldBe("Spring glow");
        missing["aggregate"]!.GetValue<string>().ShouldBe("Campaign");
    }

    [Fact]
    public async Task A_step_out_of_order_is_a_409_problem_naming_the_action_and_the_state()
    {
        var client = await factory.CreateReadyClientAsync();
        var creator = (await (await client.GetAsync("/creators?country=US&sort=followers&pageSize=1")).Body(HttpStatusCode.OK))["items"]![0]!["id"]!.GetValue<string>();
        var campaign = await Post(client, "/campaigns", NewCampaign(), HttpStatusCode.Created);
        var collaboration = $"/collaborations/{(await Post(client, $"/campaigns/{campaign["id"]}/invitations", new { creator }, HttpStatusCode.Created))["id"]}";

        var draft = await (await client.PostAsJsonAsync($"{collaboration}/drafts", new { content = "https://cdn.example.com/drafts/too-early.mp4" })).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);
        var approve = await (await client.PostAsync($"{collaboration}/approval", null)).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);
        var contract = await (await client.PostAsJsonAsync("/contracts", new { collaboration = collaboration["/collaborations/".Length..] })).Problem(HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);

        draft["code"]!.GetValue<string>().ShouldBe(MarketplaceProblems.NotAllowedCode);
        draft["action"]!.GetValue<string>().ShouldBe("submit draft");
        draft["state"]!.GetValue<string>().ShouldBe("invited");
        approve["action"]!.GetValue<string>().ShouldBe("review content");
        approve["state"]!.GetValue<string>().ShouldBe("invited");
        contract["action"]!.GetValue<string>().ShouldBe("draft contract");
        contract["state"]!.GetValue<string>().ShouldBe("invited");
        var unchanged = await (await client.GetAsync(collaboration)).Body(HttpStatusCode.OK);
        unchanged["status"]!.GetValue<string>().ShouldBe("invited");
        unchanged["deliverables"]!.AsArray().ShouldBeEmpty();
    }

    private static object NewCampaign() => new
    {
        brand = Guid.CreateVersion7(),
        name = "Spring glow",
        budget = Usd("20000.00"),
        market = "US",
        category = "cosmetics",
        timeZone = "America/New_York",
        objective = "show the serum in a real morning routine",
        keyMessage = "visible glow in 7 days",
        hashtag = "springglow",
    };

    private static object Usd(string amount) => new { amount, currency = "USD" };

    private static async Task<JsonNode> Post(HttpClient client, string path, object? body, HttpStatusCode expected) =>
        await (body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body)).Body(expected);
}

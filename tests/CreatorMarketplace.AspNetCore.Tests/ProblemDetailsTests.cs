using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreatorMarketplace.AspNetCore.Tests;

/// <summary>The library's refusals over HTTP: status, type, title, code and the fields at fault, never a refused value.</summary>
public class ProblemDetailsTests(MarketplaceApp app) : IClassFixture<MarketplaceApp>
{
    [Fact]
    public async Task A_thrown_validation_exception_is_400_with_every_field_and_its_codes()
    {
        var problem = await Problem(await app.Client.GetAsync("/thrown/validation"), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);

        problem["title"]!.GetValue<string>().ShouldBe("The request breaks the marketplace's rules.");
        problem["code"]!.GetValue<string>().ShouldBe("request.invalid");
        Errors(problem).ShouldBe(new Dictionary<string, string>
        {
            ["followers.min"] = "query.out_of_range",
            ["pageSize"] = "query.page_size_out_of_range",
        });
        problem.ToJsonString().ShouldNotContain("got -1");
    }

    [Fact]
    public async Task A_thrown_refusal_is_409_naming_the_action_and_the_state()
    {
        var problem = await Problem(await app.Client.PostAsync("/thrown/refusal", null), HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);

        problem["code"]!.GetValue<string>().ShouldBe("command.not_allowed");
        problem["action"]!.GetValue<string>().ShouldBe("sign");
        problem["state"]!.GetValue<string>().ShouldBe("draft");
        problem["detail"]!.GetValue<string>().ShouldBe("sign is not allowed while draft: a contract that is draft allows only send, amend, terminate.");
    }

    [Fact]
    public async Task A_thrown_conflict_is_409_or_412_under_if_match()
    {
        var problem = await Problem(await app.Client.PostAsync("/thrown/conflict", null), HttpStatusCode.Conflict, MarketplaceProblems.ConflictType);
        problem["code"]!.GetValue<string>().ShouldBe("store.conflict");
        problem["aggregate"]!.GetValue<string>().ShouldBe("Contract");
        problem["expectedVersion"]!.GetValue<long>().ShouldBe(3);
        problem["storedVersion"]!.GetValue<long>().ShouldBe(4);

        using var conditional = new HttpRequestMessage(HttpMethod.Post, "/thrown/conflict") { Headers = { { "If-Match", "\"3\"" } } };
        await Problem(await app.Client.SendAsync(conditional), HttpStatusCode.PreconditionFailed, MarketplaceProblems.ConflictType);
    }

    [Fact]
    public async Task An_access_denial_is_403_with_its_codes_or_404_when_the_actor_may_not_even_view_it()
    {
        var forbidden = await Problem(await app.Client.PostAsync("/thrown/forbidden", null), HttpStatusCode.Forbidden, MarketplaceProblems.ForbiddenType);
        forbidden["code"]!.GetValue<string>().ShouldBe("access.denied");
        forbidden["reasons"]!.AsArray().Select(reason => reason!.GetValue<string>()).ShouldBe(["access.role_lacks_permission", "access.not_a_member"]);
        forbidden.ToJsonString().ShouldNotContain("workspace y", customMessage: "the reasons' messages stay in the server's logs");

        var hidden = await Problem(await app.Client.PostAsync("/thrown/hidden", null), HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);
        hidden["code"]!.GetValue<string>().ShouldBe("aggregate.not_found");
        hidden.ToJsonString().ShouldNotContain("access.", customMessage: "a hidden resource answers as a missing one");
    }

    [Fact]
    public async Task Any_other_exception_is_left_to_asp_net_core()
    {
        var response = await app.Client.GetAsync("/thrown/other");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(MarketplaceProblems.TypeBase);
    }

    [Fact]
    public async Task Results_are_answered_as_the_exceptions_are()
    {
        await Problem(await app.Client.PostAsync("/results/refusal", null), HttpStatusCode.Conflict, MarketplaceProblems.NotAllowedType);
        await Problem(await app.Client.PostAsync("/results/conflict", null), HttpStatusCode.Conflict, MarketplaceProblems.ConflictType);
        using var conditional = new HttpRequestMessage(HttpMethod.Post, "/results/conflict") { Headers = { { "If-Match", "\"3\"" } } };
        await Problem(await app.Client.SendAsync(conditional), HttpStatusCode.PreconditionFailed, MarketplaceProblems.ConflictType);
        Errors(await Problem(await app.Client.PostAsync("/results/invalid", null), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType))
            .ShouldBe(new Dictionary<string, string> { ["keyword"] = "query.keyword_invalid" });

        (await app.Client.PostAsync("/results/done", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await app.Client.PostAsync("/results/saved", null)).Content.ReadAsStringAsync()).ShouldBe("5");
    }

    [Fact]
    public async Task A_missing_aggregate_is_404_naming_it()
    {
        var problem = await Problem(await app.Client.GetAsync($"/creators/{CreatorId.Parse("01890a5d-ac96-774b-bcce-b302099a8057", null)}"), HttpStatusCode.NotFound, MarketplaceProblems.NotFoundType);

        problem["aggregate"]!.GetValue<string>().ShouldBe("Creator");
        problem["code"]!.GetValue<string>().ShouldBe("aggregate.not_found");
    }

    [Fact]
    public async Task A_bad_json_body_is_400_naming_the_field_not_quoting_the_value()
    {
        var response = await app.Client.PostAsync("/deals", Json("""{"fee":{"amount":"1.234","currency":"USD"},"market":"US"}"""));
        var problem = await Problem(response, HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        Errors(problem).ShouldBe(new Dictionary<string, string> { ["fee"] = MarketplaceProblems.JsonInvalidCode });
        problem.ToJsonString().ShouldNotContain("1.234");

        var country = await Problem(await app.Client.PostAsync("/deals", Json("""{"fee":{"amount":"1","currency":"USD"},"market":"<script>"}""")), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        Errors(country).Keys.ShouldBe(["market"]);
        country.ToJsonString().ShouldNotContain("script");
    }

    [Theory]
    [InlineData(5_000, "Z")]
    [InlineData(10, "<script>")]
    public async Task A_bad_json_body_under_a_member_name_no_endpoint_has_names_the_body_not_the_name(int repeat, string text)
    {
        var name = "sk_live_" + string.Concat(Enumerable.Repeat(text, repeat));

        var problem = await Problem(
            await app.Client.PostAsync("/deals", Json($$"""{"fee":{"amount":"1","currency":"USD"},"{{name}}": tru}""")), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);

        Errors(problem).ShouldBe(new Dictionary<string, string> { [""] = MarketplaceProblems.JsonInvalidCode });
        problem.ToJsonString().ShouldNotContain("sk_live_");
    }

    [Fact]
    public async Task A_body_the_domain_refuses_names_its_codes()
    {
        var problem = await Problem(
            await app.Client.PostAsync("/search", Json("""{"pageSize":0,"followers":{"min":-1,"max":null}}""")), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);

        Errors(problem).ShouldBe(new Dictionary<string, string>
        {
            ["followers.min"] = "query.out_of_range",
            ["pageSize"] = "query.page_size_out_of_range",
        });
    }

    [Fact]
    public async Task An_argument_a_command_refuses_is_400_naming_the_field_and_the_rule_not_500()
    {
        var owner = EntityId.New<BrandId>(NodaTime.SystemClock.Instance);
        var tooLong = new string('n', Discovery.Shortlist.MaxNameLength + 1);
        var name = await Problem(
            await app.Client.PostAsync("/shortlists", Json($$"""{"owner":"{{owner}}","name":"{{tooLong}}"}""")), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        Errors(name).ShouldBe(new Dictionary<string, string> { ["name"] = "shortlist.name_invalid" });
        name.ToJsonString().ShouldNotContain(tooLong);

        var link = await Problem(
            await app.Client.GetAsync("/links?page=" + Uri.EscapeDataString("https://shop.example/serum?utm_source=other")), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        Errors(link).ShouldBe(new Dictionary<string, string> { ["landingPage"] = "attribution.landing_page_has_utm" });

        (await app.Client.PostAsync("/shortlists", Json($$"""{"owner":"{{owner}}","name":"Spring glow"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client.GetStringAsync("/links?page=" + Uri.EscapeDataString("https://shop.example/serum"))).ShouldContain("utm_source=tiktok");
    }

    [Fact]
    public async Task A_valid_query_is_searched()
    {
        var response = await app.Client.PostAsync("/search", Json("""{"pageSize":10}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_validation_filter_answers_a_refusal_thrown_while_building_from_the_request()
    {
        (await app.Client.GetStringAsync("/keyword?text=handmade")).ShouldBe("handmade");

        var problem = await Problem(await app.Client.GetAsync("/keyword?text=hand%00made"), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        Errors(problem).Keys.ShouldBe(["keyword"]);
    }

    [Fact]
    public async Task Ids_bind_from_the_route_through_their_parsing()
    {
        var found = await app.Client.GetFromJsonAsync<JsonObject>($"/creators/{app.Creator.Id}");
        found!["id"]!.GetValue<string>().ShouldBe(app.Creator.Id.ToString());

        var problem = await Problem(await app.Client.GetAsync("/creators/not-an-id"), HttpStatusCode.BadRequest, MarketplaceProblems.ValidationType);
        problem.ToJsonString().ShouldNotContain("not-an-id");
    }

    [Fact]
    public async Task Json_is_the_librarys_in_responses_too()
    {
        var response = await app.Client.PostAsync("/deals", Json("""{"fee":{"amount":"12.5","currency":"USD"},"market":"KR"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"fee":{"amount":"12.50","currency":"USD"},"market":"KR"}""");
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonObject> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonNode.Parse(body)!.AsObject();
        problem["type"]!.GetValue<string>().ShouldBe(type);
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    // Each field with its codes, joined, so that the dictionaries compare by value.
    private static Dictionary<string, string> Errors(JsonObject problem) =>
        problem["errors"]!.Deserialize<Dictionary<string, string[]>>()!.ToDictionary(field => field.Key, field => string.Join(", ", field.Value));
}

using System.Net;
using System.Text.Json.Nodes;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>Reading the sample's answers: a body with the status expected, a problem with its fields.</summary>
internal static class HttpJson
{
    public static async Task<JsonNode> Body(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> Problem(this HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var problem = await response.Body(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem["type"]!.GetValue<string>().ShouldBe(type);
        return problem;
    }

    public static IReadOnlyDictionary<string, string[]> Errors(this JsonNode problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(code => code!.GetValue<string>()).ToArray());

}

namespace CreatorMarketplace.Connectors.Fakes;

/// <summary>Google's answers: a list of items, and its error shape.</summary>
public sealed partial record Answer
{
    /// <summary>A Data API list response, <c>{"kind": …, "items": [...]}</c>, with more fields if given.</summary>
    public static Answer Items(string kind, string items, string more = "") =>
        new(200, $$"""{"kind":"youtube#{{kind}}ListResponse","etag":"etag-1",{{more}}"pageInfo":{"totalResults":100,"resultsPerPage":50},"items":[{{items}}]}""");

    /// <summary>Google's error, <c>{"error": {"code", "message", "errors": [{"message", "domain", "reason"}], "status"}}</c>.</summary>
    public static Answer GoogleError(int status, string reason, string message = "The request cannot be completed.", string domain = "youtube.quota") =>
        Json(status, new { error = new { code = status, message, errors = new[] { new { message, domain, reason } }, status = status == 403 ? "PERMISSION_DENIED" : "FAILED" } });
}

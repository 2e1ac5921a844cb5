using CreatorMarketplace.Creators;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CreatorMarketplace.AspNetCore.Tests;

/// <summary>A minimal API over the in-memory store, as an application builds one with the package, on a test server.</summary>
public sealed class MarketplaceApp : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>A creator the store holds.</summary>
    public Creator Creator { get; } = new CreatorGenerator(21, SystemClock.Instance).NextNew();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services
            .AddCreatorMarketplace(marketplace => marketplace.UseInMemory())
            .AddCreatorMarketplaceJson()
            .AddCreatorMarketplaceProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();
        Map(app);
        await app.StartAsync();
        (await app.Services.GetRequiredService<IRepository<Creator, CreatorId>>().SaveAsync(Creator)).ThrowIfConflict();
        _app = app;
        Client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public sealed record Deal(Money Fee, Country Market);

    public sealed record NewShortlist(BrandId Owner, string Name);

    private static readonly NotAllowed Refusal = new("sign", "draft", "a contract that is draft allows only send, amend, terminate.");

    private static readonly Conflict LostRace = new("Contract", Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"), 3, 4);

    private static void Map(WebApplication app)
    {
        app.MapGet("/creators/{id}", async (CreatorId id, IRepository<Creator, CreatorId> creators) =>
            await creators.FindAsync(id) is { } creator
                ? TypedResults.Ok(new { id = creator.Id, version = creator.Version })
                : MarketplaceResults.NotFound<CreatorId>());

        app.MapPost("/search", async (CreatorQuery query, ICreatorCatalog catalog) =>
            (await catalog.SearchAsync(query)).Match<IResult>(page => TypedResults.Ok(page.TotalCount), invalid => TypedResults.BadRequest()))
            .ValidateCreatorQuery();

        app.MapPost("/deals", (Deal deal) => TypedResults.Ok(deal));

        // Commands whose arguments the domain checks as it runs them, with nothing in front of them.
        app.MapPost("/shortlists", (NewShortlist draft) =>
            TypedResults.Ok(Shortlist.Create(EntityId.New<ShortlistId>(SystemClock.Instance), draft.Owner, draft.Name, SystemClock.Instance).Name));
        app.MapGet("/links", (string page) => TrackingLink.Build(new Uri(page), new UtmParameters("tiktok", "influencer", "spring")).AbsoluteUri);

        app.MapGet("/keyword", (string text) => TextRule.SingleLine.Require(text, "keyword"))
            .WithValidationProblems();

        app.MapGet("/thrown/validation", IResult () =>
            throw new DomainValidationException([
                new DomainError("Followers.min", "query.out_of_range", "the minimum must be from 0 to 9223372036854775807, got -1."),
                new DomainError("PageSize", "query.page_size_out_of_range", "a page holds 1 to 1000 results, got 0."),
                new DomainError("PageSize", "query.page_size_out_of_range", "a page holds 1 to 1000 results, got 0."),
            ]));
        app.MapPost("/thrown/refusal", IResult () =>
        {
            ((CommandResult)Refusal).ThrowIfNotAllowed();
            return TypedResults.NoContent();
        });
        app.MapPost("/thrown/conflict", IResult () => TypedResults.Ok(((SaveResult)LostRace).ThrowIfConflict()));
        app.MapGet("/thrown/other", IResult () => throw new InvalidOperationException("a bug"));
        app.MapPost("/thrown/forbidden", IResult () => throw new CreatorMarketplace.Access.AccessDeniedException(new(
            [new(null, "access.role_lacks_permission", "the role viewer in the workspace does not include refund."), new(null, "access.not_a_member", "actor x holds no role in workspace y.")],
            ["the role finance in workspace y"],
            CanView: true)));
        app.MapPost("/thrown/hidden", IResult () => throw new CreatorMarketplace.Access.AccessDeniedException(new(
            [new(null, "access.not_a_member", "actor x holds no role in workspace y.")], [], CanView: false)));

        app.MapPost("/results/refusal", () => ((CommandResult)Refusal).ToHttpResult());
        app.MapPost("/results/done", () => CommandResult.Done.ToHttpResult());
        app.MapPost("/results/conflict", () => ((SaveResult)LostRace).ToHttpResult());
        app.MapPost("/results/saved", () => ((SaveResult)new Saved(5, 1)).ToHttpResult(saved => TypedResults.Ok(saved.Version)));
        app.MapPost("/results/invalid", () =>
            Validated<string>.Failed(new Invalid("Keyword", "query.keyword_invalid", "a keyword has 1 to 100 characters.")).ToHttpResult(value => TypedResults.Ok(value)));
    }
}

using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;
using NodaTime;

namespace CreatorMarketplace.Samples.Api;

/// <summary>A brand's shortlists: created, creators added with tags and a note or taken off, read back.</summary>
internal static class ShortlistEndpoints
{
    public static IEndpointRouteBuilder MapShortlists(this IEndpointRouteBuilder app)
    {
        var shortlists = app.MapGroup("/shortlists").WithTags("Shortlists");
        shortlists.MapPost("/", CreateAsync).WithName("CreateShortlist").WithSummary("Creates a brand's shortlist.");
        shortlists.MapGet("/{id}", FindAsync).WithName("GetShortlist").WithSummary("A shortlist with its entries.");
        shortlists.MapPost("/{id}/creators", AddAsync).WithName("AddToShortlist").WithSummary("Lists a creator with tags and a note; 409 when listed already.");
        shortlists.MapDelete("/{id}/creators/{creator}", RemoveAsync).WithName("RemoveFromShortlist").WithSummary("Takes a creator off the list.");
        return app;
    }

    private static Task<IResult> CreateAsync(NewShortlist request, IRepository<Shortlist, ShortlistId> shortlists, IClock clock, CancellationToken cancellationToken) =>
        shortlists.SaveAndAnswerAsync(
            Shortlist.Create(EntityId.New<ShortlistId>(clock), request.Brand, request.Name, clock),
            shortlist => TypedResults.Created($"/shortlists/{shortlist.Id}", shortlist.ToSnapshot()),
            cancellationToken);

    private static Task<IResult> FindAsync(ShortlistId id, IRepository<Shortlist, ShortlistId> shortlists, CancellationToken cancellationToken) =>
        shortlists.WithAsync(id, shortlist => Task.FromResult<IResult>(TypedResults.Ok(shortlist.ToSnapshot())), cancellationToken);

    private static async Task<IResult> AddAsync(
        ShortlistId id,
        ShortlistAddition request,
        IRepository<Shortlist, ShortlistId> shortlists,
        IRepository<Creator, CreatorId> creators,
        IClock clock,
        CancellationToken cancellationToken)
    {
        if (await creators.FindAsync(request.Creator, cancellationToken) is null)
        {
            return MarketplaceResults.NotFound<CreatorId>();
        }

        return await shortlists.RunAsync(
            id,
            shortlist => shortlist.Add(request.Creator, clock, request.Tags, request.Note).Match(
                _ => CommandResult.Done,
                listed => new NotAllowed("add", "listed", $"creator {listed.Creator} is on the shortlist already; change its tags and note instead.")),
            shortlist => TypedResults.Ok(shortlist.Entries.Single(entry => entry.Creator == request.Creator)),
            cancellationToken);
    }

    private static Task<IResult> RemoveAsync(ShortlistId id, CreatorId creator, IRepository<Shortlist, ShortlistId> shortlists, IClock clock, CancellationToken cancellationToken) =>
        shortlists.RunAsync(
            id,
            shortlist => shortlist.Remove(creator, clock) ? CommandResult.Done : new NotAllowed("remove", "not listed", $"creator {creator} is not on the shortlist."),
            _ => TypedResults.NoContent(),
            cancellationToken);
}

/// <summary>A new shortlist.</summary>
/// <param name="Brand">The brand it belongs to.</param>
/// <param name="Name">Its name.</param>
internal sealed record NewShortlist(BrandId Brand, string Name);

/// <summary>A creator to list.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Tags">Tags, none unless given.</param>
/// <param name="Note">A note, none unless given.</param>
internal sealed record ShortlistAddition(CreatorId Creator, IReadOnlyList<string>? Tags = null, string? Note = null);

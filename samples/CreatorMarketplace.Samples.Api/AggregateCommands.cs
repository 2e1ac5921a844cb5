using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// The one shape of every command endpoint: load the aggregate (404 when the store does not hold it), run the
/// command (409 naming the action and the state when the aggregate refuses it), save (409 on a lost race), answer.
/// </summary>
internal static class AggregateCommands
{
    public static async Task<IResult> RunAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TId id,
        Func<TAggregate, CommandResult> command,
        Func<TAggregate, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        if (await repository.FindAsync(id, cancellationToken) is not { } aggregate)
        {
            return MarketplaceResults.NotFound<TId>();
        }

        var done = command(aggregate);
        return done.IsDone ? await repository.SaveAndAnswerAsync(aggregate, answer, cancellationToken) : done.ToHttpResult();
    }

    public static async Task<IResult> SaveAndAnswerAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TAggregate aggregate,
        Func<TAggregate, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        (await repository.SaveAsync(aggregate, cancellationToken)).ToHttpResult(_ => answer(aggregate));
}

using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Samples.Api;

/// <summary>
/// The one shape of every command endpoint: load the aggregate (404 when the store does not hold it), run the
/// command (409 naming the action and the state when the aggregate refuses it), save (409 on a lost race), answer.
/// </summary>
internal static class AggregateCommands
{
    public static Task<IResult> RunAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TId id,
        Func<TAggregate, CommandResult> command,
        Func<TAggregate, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        repository.RunAsync(id, aggregate => Task.FromResult(command(aggregate)), answer, cancellationToken);

    /// <summary>As the other, for a command that reads something else first (a campaign, a contract).</summary>
    public static Task<IResult> RunAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TId id,
        Func<TAggregate, Task<CommandResult>> command,
        Func<TAggregate, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        repository.WithAsync(
            id,
            async aggregate => await command(aggregate) is { IsDone: false } refused
                ? refused.ToHttpResult()
                : await repository.SaveAndAnswerAsync(aggregate, answer, cancellationToken),
            cancellationToken);

    /// <summary>The answer about an aggregate the store holds, or 404.</summary>
    public static async Task<IResult> WithAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TId id,
        Func<TAggregate, Task<IResult>> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        await repository.FindAsync(id, cancellationToken) is { } aggregate ? await answer(aggregate) : MarketplaceResults.NotFound<TId>();

    public static async Task<IResult> SaveAndAnswerAsync<TAggregate, TId>(
        this IRepository<TAggregate, TId> repository,
        TAggregate aggregate,
        Func<TAggregate, IResult> answer,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId> =>
        (await repository.SaveAsync(aggregate, cancellationToken)).ToHttpResult(_ => answer(aggregate));
}

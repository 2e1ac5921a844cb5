using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage;

/// <summary>
/// The outbox as one actor sees it (<see cref="ActorStore.Outbox"/>): the pending and dead-lettered messages about
/// aggregates the actor may view, found as <see cref="ActorStore"/>'s repositories find them; a creator's own
/// events for the creator's account. Delivering, retrying and marking stay with the store's own outbox, which the
/// dispatcher holds; an actor only reads.
/// </summary>
/// <remarks>
/// Each read takes the store's next <c>max</c> messages and keeps those the actor may view, so it may return fewer
/// than <c>max</c> while more are pending: it is a view for people, not a way to deliver.
/// </remarks>
public sealed class ActorOutbox
{
    private readonly IOutbox _inner;
    private readonly ActorStore _store;
    private readonly AccessScope _scope;

    internal ActorOutbox(IOutbox inner, ActorStore store, AccessScope scope)
    {
        _inner = inner;
        _store = store;
        _scope = scope;
    }

    /// <summary>Of the store's next pending messages, in order, those about what the actor may view.</summary>
    /// <param name="max">How many of the store's pending messages to look at: 1 or more.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) =>
        await VisibleAsync(await _inner.ReadPendingAsync(max, cancellationToken).ConfigureAwait(false), message => message, cancellationToken).ConfigureAwait(false);

    /// <summary>Of the store's dead-lettered messages, those about what the actor may view.</summary>
    /// <param name="max">How many of the store's dead letters to look at: 1 or more.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1.</exception>
    public async ValueTask<IReadOnlyList<OutboxDeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken = default) =>
        await VisibleAsync(await _inner.ReadDeadLettersAsync(max, cancellationToken).ConfigureAwait(false), letter => letter.Message, cancellationToken).ConfigureAwait(false);

    // The items, in order, whose message is about what the actor may view.
    private async ValueTask<IReadOnlyList<T>> VisibleAsync<T>(IReadOnlyList<T> items, Func<T, OutboxMessage> message, CancellationToken cancellationToken)
    {
        var visible = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (await VisibleAsync(message(item), cancellationToken).ConfigureAwait(false))
            {
                visible.Add(item);
            }
        }

        return visible;
    }

    // An aggregate of a kind the store does not name here is nobody's: its messages are not shown.
    private async ValueTask<bool> VisibleAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Aggregate switch
    {
        nameof(Campaign) => await _store.Campaigns.FindAsync(CampaignId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(Collaboration) => await _store.Collaborations.FindAsync(CollaborationId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(Contract) => await _store.Contracts.FindAsync(ContractId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(Invoice) => await _store.Invoices.FindAsync(InvoiceId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(Shortlist) => await _store.Shortlists.FindAsync(ShortlistId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(SavedSearch) => await _store.SavedSearches.FindAsync(SavedSearchId.From(message.AggregateId), cancellationToken).ConfigureAwait(false) is not null,
        nameof(Creator) => _scope.May(Permission.View, _scope.Access.WorkspacesOf(CreatorId.From(message.AggregateId))),
        _ => false,
    };
}

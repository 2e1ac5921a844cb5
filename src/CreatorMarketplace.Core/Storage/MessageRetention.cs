using CreatorMarketplace.Campaigns;
using NodaTime;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Applies a <see cref="MessageRetentionPolicy"/> to a store: every message of every collaboration sent before the
/// policy's cut-off loses its body and attachments, in each stored form (the collaboration's document, its event
/// history, its outbox events), while its number, author and time stay so that the conversation still reads in order.
/// </summary>
public static class MessageRetention
{
    /// <summary>What an expired message's body reads.</summary>
    public const string Redaction = "[expired]";

    /// <summary>Expires the messages the policy no longer keeps at the clock's instant. Running it again is harmless.</summary>
    /// <param name="store">The store; one of the library's stores, or any that implements <see cref="IMessageExpirer"/>.</param>
    /// <param name="policy">How long messages are kept.</param>
    /// <param name="clock">The instant judged.</param>
    /// <param name="cancellationToken">Cancels the run; each store's part is whole or not made.</param>
    /// <returns>The cut-off applied and how many collaborations changed.</returns>
    /// <exception cref="ArgumentNullException">The store, the policy or the clock is null.</exception>
    /// <exception cref="NotSupportedException">The store does not implement <see cref="IMessageExpirer"/>.</exception>
    public static async ValueTask<MessagesExpired> ExpireMessagesAsync(this IMarketplaceStore store, MessageRetentionPolicy policy, IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        var expirer = store as IMessageExpirer
            ?? throw new NotSupportedException($"{store.GetType().Name} cannot expire messages: it does not implement {nameof(IMessageExpirer)}.");
        var now = clock.GetCurrentInstant();
        if (policy.ExpiredBefore(now) is not { } cutoff)
        {
            return new MessagesExpired(now, null, 0);
        }

        var expiry = new MessageExpiry(cutoff, []);
        var due = new List<CollaborationId>();
        await foreach (var stored in store.Collaborations.ReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (stored.Aggregate.Messages.Any(expiry.Expires))
            {
                due.Add(stored.Id);
            }
        }

        var changed = due.Count == 0 ? 0 : await expirer.ExpireMessagesAsync(expiry with { Collaborations = due }, cancellationToken).ConfigureAwait(false);
        return new MessagesExpired(now, cutoff, changed);
    }
}

/// <summary>A store's part of <see cref="MessageRetention"/>: rewriting the stored forms of collaborations' messages.</summary>
public interface IMessageExpirer
{
    /// <summary>Expires, in one transaction where the store has them, the messages of these collaborations sent before the cut-off.</summary>
    /// <param name="expiry">The cut-off and the collaborations.</param>
    /// <param name="cancellationToken">Cancels the rewrite.</param>
    /// <returns>How many collaborations changed.</returns>
    ValueTask<int> ExpireMessagesAsync(MessageExpiry expiry, CancellationToken cancellationToken = default);
}

/// <summary>Which messages expire: those of the collaborations sent before the cut-off and not expired already.</summary>
/// <param name="ExpiredBefore">The cut-off.</param>
/// <param name="Collaborations">The collaborations to rewrite.</param>
public sealed record MessageExpiry(Instant ExpiredBefore, IReadOnlyList<CollaborationId> Collaborations)
{
    /// <summary>Whether the message expires: sent before the cut-off, and not yet reduced to <see cref="MessageRetention.Redaction"/>.</summary>
    /// <param name="message">The message.</param>
    /// <returns>True when it expires.</returns>
    public bool Expires(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.SentAt < ExpiredBefore && !(message.Body == MessageRetention.Redaction && message.Attachments.Count == 0);
    }

    // A collaboration's event with an expiring message reduced; the same instance otherwise.
    internal IDomainEvent Expire(IDomainEvent domainEvent) =>
        domainEvent is MessageSent sent && Expires(sent.Message)
            ? sent with { Message = sent.Message with { Body = MessageRetention.Redaction, Attachments = [] } }
            : domainEvent;
}

/// <summary>What a run of <see cref="MessageRetention.ExpireMessagesAsync"/> did.</summary>
/// <param name="At">When it ran.</param>
/// <param name="ExpiredBefore">The cut-off applied; null when no version of the policy was in force, and nothing expired.</param>
/// <param name="Collaborations">How many collaborations changed.</param>
public sealed record MessagesExpired(Instant At, Instant? ExpiredBefore, int Collaborations)
{
    /// <summary>Formats the result.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ExpiredBefore is { } cutoff
        ? $"messages sent before {cutoff} expired in {Collaborations} collaboration(s)"
        : "no retention version in force: every message kept";
}

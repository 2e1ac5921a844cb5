using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using NodaTime;
using OneOf;

namespace CreatorMarketplace.Storage;

/// <summary>
/// Erases a creator across a store (GDPR Article 17): the personal data (<see cref="IMarketplaceStore.Identities"/>),
/// the creator's aggregate, what the outbox's events of the creator said, and the catalog's listing. What the law
/// makes the marketplace keep stays (Article 17(3)(b)): the ledger's amounts and the invoices, which name the creator
/// by id alone, a pseudonym once nothing else is held under it. Refused, changing nothing, while money is held for
/// the creator: escrow of a collaboration the creator is a party to, or earnings not yet paid out.
/// </summary>
/// <remarks>
/// The store's part runs in one transaction where the store has them (<see cref="ICreatorRecordEraser"/>): a failure
/// leaves the store as it was. The catalog, which may live elsewhere, is told after the store; an erasure that failed
/// there is completed by calling it again. Erasing twice is harmless: the second call finds nothing and says so.
/// </remarks>
/// <example>
/// <code>
/// var erased = await store.EraseCreatorAsync(creatorId, catalog, clock);
/// erased.Switch(
///     done => Console.WriteLine(done),
///     already => Console.WriteLine(already),
///     refused => Console.WriteLine(refused)); // names each balance still held
/// </code>
/// </example>
public static class CreatorErasure
{
    /// <summary>Erases a creator from the store and the catalog, unless money is still held for the creator.</summary>
    /// <param name="store">The store; one of the library's stores, or any that implements <see cref="ICreatorRecordEraser"/>.</param>
    /// <param name="creator">The creator.</param>
    /// <param name="catalog">The catalog to remove the creator's listing from; null when the application keeps none.</param>
    /// <param name="clock">Dates the erasure (<see cref="CreatorErased"/>).</param>
    /// <param name="cancellationToken">Cancels the erasure; the store's part is whole or not made.</param>
    /// <returns>
    /// <see cref="CreatorDataErased"/>; <see cref="NothingToErase"/> when nothing was held (erased before, or never
    /// stored); or <see cref="ErasureRefused"/> naming each balance still held, and nothing changed.
    /// </returns>
    /// <exception cref="ArgumentNullException">The store or the clock is null.</exception>
    /// <exception cref="NotSupportedException">The store does not implement <see cref="ICreatorRecordEraser"/>.</exception>
    /// <exception cref="UnreadableAggregateException">A stored collaboration cannot be read, so the escrow held for the creator cannot be told.</exception>
    public static async ValueTask<CreatorErasureResult> EraseCreatorAsync(
        this IMarketplaceStore store, CreatorId creator, ICreatorCatalog? catalog, IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var eraser = store as ICreatorRecordEraser
            ?? throw new NotSupportedException($"{store.GetType().Name} cannot erase a creator: it does not implement {nameof(ICreatorRecordEraser)}.");

        var collaborations = await CollaborationsOfAsync(store, creator, cancellationToken).ConfigureAwait(false);
        var held = await HeldForAsync(store, creator, collaborations, cancellationToken).ConfigureAwait(false);
        if (held.Count > 0)
        {
            return new ErasureRefused(creator, held);
        }

        var erasedAt = clock.GetCurrentInstant();
        var texts = await TextsNamingAsync(store, creator, cancellationToken).ConfigureAwait(false);
        var request = new CreatorErasureRequest(creator, erasedAt, [.. collaborations.Select(CollaborationId.From)], texts);
        var erased = await eraser.EraseRecordsAsync(request, cancellationToken).ConfigureAwait(false);
        if (catalog is not null)
        {
            erased |= await catalog.RemoveAsync(creator, cancellationToken).ConfigureAwait(false);
        }

        return erased ? new CreatorDataErased(creator, erasedAt) : new NothingToErase(creator);
    }

    // The ids of the collaborations the creator is a party to.
    private static async ValueTask<HashSet<Guid>> CollaborationsOfAsync(IMarketplaceStore store, CreatorId creator, CancellationToken cancellationToken)
    {
        var collaborations = new HashSet<Guid>();
        await foreach (var stored in store.Collaborations.ReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (stored.Aggregate.Creator == creator)
            {
                collaborations.Add(stored.Aggregate.Id.Value);
            }
        }

        return collaborations;
    }

    // What names the creator, as the store holds it now and as the outbox's events of the creator held it before:
    // the legal name and e-mail address, every display name and every handle.
    private static async ValueTask<IReadOnlyList<string>> TextsNamingAsync(IMarketplaceStore store, CreatorId creator, CancellationToken cancellationToken)
    {
        var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (await store.Identities.FindAsync(creator, cancellationToken).ConfigureAwait(false) is { } identity)
        {
            texts.UnionWith([identity.LegalName, identity.Email]);
        }

        if (await store.Creators.FindAsync(creator, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            texts.Add(stored.Profile.DisplayName);
            texts.UnionWith(stored.Accounts.Select(account => account.Handle.Value));
        }

        for (var after = 0L; ;)
        {
            var changes = await store.Changes.ReadAsync(after, BulkRead.MaxPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                switch (change.Event)
                {
                    case CreatorProfileChanged changed when changed.Creator == creator:
                        texts.UnionWith([changed.Before.DisplayName, changed.After.DisplayName]);
                        break;
                    case CreatorAccountUpdated updated when updated.Creator == creator:
                        texts.Add(updated.Account.Handle.Value);
                        break;
                }
            }

            if (changes.Count < BulkRead.MaxPageSize)
            {
                return [.. texts];
            }

            after = changes[^1].Sequence;
        }
    }

    // The balances still held for the creator: the escrow of each of the creator's collaborations and what the
    // creator is owed, in every currency, in ledger order of first posting.
    private static async ValueTask<IReadOnlyList<HeldBalance>> HeldForAsync(IMarketplaceStore store, CreatorId creator, HashSet<Guid> escrows, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<(LedgerAccount Account, Currency Currency), Money>();
        await foreach (var transaction in store.Ledger.ReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var entry in transaction.Entries)
            {
                Post(entry.To, entry.Amount);
                Post(entry.From, -entry.Amount);
            }
        }

        return [.. balances.Where(balance => balance.Value.IsPositive).Select(balance => new HeldBalance(balance.Key.Account, balance.Value))];

        void Post(LedgerAccount account, Money amount)
        {
            var hers = (account.Kind == AccountKind.CreatorPayable && account.Owner == creator.Value)
                || (account.Kind == AccountKind.EscrowHeld && escrows.Contains(account.Owner));
            if (hers)
            {
                var key = (account, amount.Currency);
                balances[key] = balances.TryGetValue(key, out var balance) ? balance + amount : amount;
            }
        }
    }
}

/// <summary>
/// A store's part of erasing a creator (<see cref="CreatorErasure"/>), in one transaction where the store has them:
/// the personal data and the creator's aggregate removed; each outbox event of the creator's aggregate replaced by
/// <see cref="CreatorEventErased"/> in its place; in the creator's collaborations (their documents, event histories
/// and outbox events), every text that names the creator replaced by <see cref="CreatorErasureRequest.Redaction"/>
/// in the free text the parties wrote (<see cref="CreatorErasureRequest.FreeText"/>); and, when anything was held, a
/// <see cref="CreatorErased"/> event added to the outbox. A store that keeps deleted bytes in its files overwrites them.
/// </summary>
public interface ICreatorRecordEraser
{
    /// <summary>Erases what the store holds that names the creator.</summary>
    /// <param name="request">The creator, when, the creator's collaborations and the texts that name the creator.</param>
    /// <param name="cancellationToken">Cancels the erasure, which then changes nothing.</param>
    /// <returns>True when anything was held and is now erased; false when nothing was.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    ValueTask<bool> EraseRecordsAsync(CreatorErasureRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a store erases for <see cref="ICreatorRecordEraser"/>.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="ErasedAt">When; the time of the <see cref="CreatorErased"/> event.</param>
/// <param name="Collaborations">The collaborations the creator is a party to, whose free text is scrubbed.</param>
/// <param name="Texts">What names the creator: legal name, e-mail address, display names and handles, present and past.</param>
public sealed record CreatorErasureRequest(CreatorId Creator, Instant ErasedAt, IReadOnlyList<CollaborationId> Collaborations, IReadOnlyList<string> Texts)
{
    /// <summary>What stands where a text naming the creator stood.</summary>
    public const string Redaction = "[erased]";

    /// <summary>What stands where a URL whose host names the creator stood (see <see cref="Redact(Uri)"/>).</summary>
    public static Uri ErasedUrl { get; } = new("https://erased.invalid/");

    // Shorter texts would match in too many words that do not name anyone.
    private const int ShortestText = 3;

    /// <summary>
    /// The members of a collaboration's events whose text the parties wrote, and which may therefore name the creator,
    /// by their names in the stored form: a reason, a draft's content, a reviewer's notes, a post's link (which holds
    /// the handle), a message's body and attachments.
    /// </summary>
    public static IReadOnlySet<string> FreeText { get; } = new HashSet<string>(["reason", "content", "notes", "url", "body", "attachments"], StringComparer.Ordinal);

    /// <summary>A text with every text naming the creator in it (ignoring case) replaced by <see cref="Redaction"/>, longest first.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text scrubbed; the same instance when nothing in it names the creator.</returns>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var naming in Texts.Where(naming => naming.Length >= ShortestText).OrderByDescending(naming => naming.Length))
        {
            if (text.Contains(naming, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace(naming, Redaction, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    /// <summary>
    /// A URL with every text naming the creator in its path, query and fragment replaced by <see cref="Redaction"/>,
    /// as <see cref="Redact(string)"/> does; a URL whose scheme, host, port or user info names the creator, which no
    /// replacement leaves a URL of, is replaced whole by <see cref="ErasedUrl"/>. The result is always a valid URL.
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <returns>The URL scrubbed; the same instance when nothing in it names the creator.</returns>
    public Uri Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = Redact(url.OriginalString);
        if (ReferenceEquals(text, url.OriginalString))
        {
            return url;
        }

        var kept = url.IsAbsoluteUri
            ? Uri.TryCreate(text, UriKind.Absolute, out var redacted) && redacted.Scheme == url.Scheme && redacted.Host == url.Host && redacted.Port == url.Port && redacted.UserInfo == url.UserInfo
            : Uri.TryCreate(text, UriKind.Relative, out redacted);
        return kept ? redacted! : ErasedUrl;
    }

    // A collaboration's event with its free text scrubbed; the same instance when none of it names the creator.
    internal IDomainEvent Redact(IDomainEvent domainEvent)
    {
        var changed = false;
        string Scrub(string text)
        {
            var scrubbed = Redact(text);
            changed |= !ReferenceEquals(scrubbed, text);
            return scrubbed;
        }

        Uri ScrubUrl(Uri url)
        {
            var redacted = Redact(url);
            changed |= !ReferenceEquals(redacted, url);
            return redacted;
        }

        IDomainEvent scrubbed = domainEvent switch
        {
            CollaborationDeclined declined => declined with { Reason = Scrub(declined.Reason) },
            DraftSubmitted draft => draft with { Content = Scrub(draft.Content) },
            RevisionRequested revision => revision with { Notes = Scrub(revision.Notes) },
            AdReviewRecorded { Reason: { } reason } review => review with { Reason = Scrub(reason) },
            PostRecorded post => post with { Post = post.Post with { Url = ScrubUrl(post.Post.Url) } },
            MessageSent sent => sent with { Message = sent.Message with { Body = Scrub(sent.Message.Body), Attachments = [.. sent.Message.Attachments.Select(Scrub)] } },
            CollaborationCancelled cancelled => cancelled with { Cancellation = cancelled.Cancellation with { Reason = Scrub(cancelled.Cancellation.Reason) } },
            _ => domainEvent,
        };
        return changed ? scrubbed : domainEvent;
    }
}

/// <summary>The creator was erased.</summary>
/// <param name="Creator">The creator, whose id is now a pseudonym.</param>
/// <param name="ErasedAt">When.</param>
public sealed record CreatorDataErased(CreatorId Creator, Instant ErasedAt)
{
    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"creator {Creator} was erased at {ErasedAt}";
}

/// <summary>Nothing was held about the creator: erased before, or never stored. Nothing changed.</summary>
/// <param name="Creator">The creator.</param>
public sealed record NothingToErase(CreatorId Creator)
{
    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"nothing is held about creator {Creator}";
}

/// <summary>An amount a ledger account holds for a creator, which must be settled before the creator can be erased.</summary>
/// <param name="Account">The account: a collaboration's escrow, or what the creator is owed.</param>
/// <param name="Amount">What it holds; positive.</param>
public sealed record HeldBalance(LedgerAccount Account, Money Amount)
{
    /// <summary>Formats the balance, for example <c>escrow held:0190… holds USD 300.00</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Account} holds {Amount}";
}

/// <summary>The erasure was refused because money is still held for the creator; nothing changed.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="Balances">Each balance held, at least one: settle them (release, refund, pay out) and erase again.</param>
public sealed record ErasureRefused(CreatorId Creator, IReadOnlyList<HeldBalance> Balances)
{
    /// <summary>Formats the refusal, naming each balance.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"creator {Creator} cannot be erased while money is held for them: {string.Join("; ", Balances)}.";
}

/// <summary>The outcome of <see cref="CreatorErasure.EraseCreatorAsync"/>.</summary>
[Union]
public sealed partial class CreatorErasureResult : OneOfBase<CreatorDataErased, NothingToErase, ErasureRefused>
{
    /// <summary>Whether nothing about the creator is held now (erased by this call or before).</summary>
    public bool IsErased => !IsT2;

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Match(erased => erased.ToString(), nothing => nothing.ToString(), refused => refused.ToString());
}

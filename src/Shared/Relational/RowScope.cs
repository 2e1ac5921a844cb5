using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Storage.Relational;

// Who owns a row, for the database's row-level security (PostgreSQL): each tenant-owned row records its parties, the
// brands and creators that own it, and a statement sees it only when the transaction's scope setting is All or names
// one of them (PostgreSqlSchema, migration 9).
internal static class RowScope
{
    // The per-transaction setting the policies read: All, or the parties' ids separated by commas.
    public const string Setting = "creator_marketplace.scope";

    public const string All = "*";

    // The one place that says who owns each aggregate. A creator owns its own rows (its document is also read by
    // every scope, as shared catalog data); an invoice without parties is no workspace's: its rows have none, and
    // only an unscoped statement writes them.
    public static Guid[] Of(object aggregate) => aggregate switch
    {
        Creator creator => [creator.Id.Value],
        Campaign campaign => [campaign.Brand.Value],
        Collaboration collaboration => [collaboration.Brand.Value, collaboration.Creator.Value],
        Contract contract => [contract.Brand.Value, contract.Creator.Value],
        Shortlist shortlist => [shortlist.Owner.Value],
        SavedSearch search => [search.Owner.Value],
        Invoice { Parties: { } parties } => [.. parties.Brand is { } brand ? [brand.Value] : Array.Empty<Guid>(), .. parties.Creator is { } creator ? [creator.Value] : Array.Empty<Guid>()],
        _ => [],
    };

    // A ledger transaction's parties: the owners of its brands' and creators' accounts, and the collaborations of
    // its escrow accounts, whose parties the database looks up. The platform's fees belong to no party.
    public static (Guid[] Owners, Guid[] Escrows) Of(LedgerTransaction transaction)
    {
        var owners = new HashSet<Guid>();
        var escrows = new HashSet<Guid>();
        foreach (var entry in transaction.Entries)
        {
            foreach (var account in (ReadOnlySpan<LedgerAccount>)[entry.From, entry.To])
            {
                if (account.Kind == AccountKind.EscrowHeld)
                {
                    escrows.Add(account.Owner);
                }
                else if (account.Kind != AccountKind.PlatformFees)
                {
                    owners.Add(account.Owner);
                }
            }
        }

        return ([.. owners], [.. escrows]);
    }

    // The setting's value that sees the rows of these parties.
    public static string Value(IReadOnlyCollection<Guid> parties) => string.Join(',', parties);
}

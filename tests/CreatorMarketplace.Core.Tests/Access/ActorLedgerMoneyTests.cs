using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Access;

// Money moves through the actor's view of the ledger only as the ledger's own commands move it: each account money
// leaves is its own owners' to move, and a transaction is reversed once at most.
public class ActorLedgerMoneyTests
{
    private static readonly Instant Since = Instant.FromUtc(2026, 1, 1, 0, 0);
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 6, 1, 12, 0));
    private readonly InMemoryMarketplaceStore _store = new();
    private readonly BrandId _acme = BrandId.From(Guid.Parse("00000000-0000-0000-0007-000000000001"));
    private readonly BrandId _globex = BrandId.From(Guid.Parse("00000000-0000-0000-0007-000000000002"));
    private readonly CreatorId _maya = CreatorId.From(Guid.Parse("00000000-0000-0000-0006-000000000001"));
    private readonly CreatorId _noor = CreatorId.From(Guid.Parse("00000000-0000-0000-0006-000000000002"));
    private readonly ActorId _acmeFinance = ActorId.From(Guid.Parse("00000000-0000-0000-0008-000000000001"));
    private readonly ActorId _globexFinance = ActorId.From(Guid.Parse("00000000-0000-0000-0008-000000000002"));
    private readonly Collaboration _acmeDeal;
    private readonly Collaboration _globexDeal;
    private readonly AccessControl _access;

    public ActorLedgerMoneyTests()
    {
        _acmeDeal = Deal(_acme, _maya);
        _globexDeal = Deal(_globex, _noor);
        var (acme, globex, maya, noor) = (Space(1), Space(2), Space(3), Space(4));
        _access = AccessControl.Create(
            AccessPolicy.Default,
            [
                Workspace.ForBrand(acme, "Acme", _acme),
                Workspace.ForBrand(globex, "Globex", _globex),
                Workspace.ForCreator(maya, "Maya", _maya),
                Workspace.ForCreator(noor, "Noor", _noor),
            ],
            [
                Membership.Create(_acmeFinance, acme, "finance", Since),
                Membership.Create(_globexFinance, globex, "finance", Since),
            ],
            []);
    }

    private static WorkspaceId Space(int n) => WorkspaceId.From(Guid.Parse($"00000000-0000-0000-0009-{n:D12}"));

    private static Collaboration Deal(BrandId brand, CreatorId creator) =>
        Collaboration.FromHistory([new CollaborationOpened(CollaborationId.From(Guid.NewGuid()), CreatorMarketplace.Campaigns.Actor.Brand, Since, CampaignId.From(Guid.NewGuid()), brand, creator, [], CollaborationPolicy.Default)]);

    private LedgerTransaction Transaction(string key, string kind, params (LedgerAccount From, LedgerAccount To, decimal Amount)[] moves) =>
        new(key, kind, moves.Select((move, i) => new LedgerEntry(i + 1, key, move.From, move.To, Money.Of(move.Amount, Currency.USD), _clock.GetCurrentInstant(), "test")).ToArray(), _clock.GetCurrentInstant());

    private async Task<List<string>> KeysAsync()
    {
        var keys = new List<string>();
        await foreach (var transaction in _store.Ledger.ReadAsync())
        {
            keys.Add(transaction.Key);
        }

        return keys;
    }

    // A permission is granted through any owner of an account; were the payers' owners pooled, one entry from
    // Globex's own escrow would let Globex's finance release Acme's.
    [Fact]
    public async Task A_release_cannot_move_another_brands_escrow_by_adding_an_entry_of_ones_own()
    {
        (await _store.Collaborations.SaveAsync(_acmeDeal)).IsSaved.ShouldBeTrue();
        (await _store.Collaborations.SaveAsync(_globexDeal)).IsSaved.ShouldBeTrue();
        var charge = Transaction("acme-charge", "charge", (LedgerAccount.BrandFunding(_acme), LedgerAccount.Escrow(_acmeDeal.Id), 500m));
        (await _store.For(_acmeFinance, _access, _clock).Ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();

        // Alone, Acme's escrow is not Globex's to release.
        var alone = Transaction("alone", "release", (LedgerAccount.Escrow(_acmeDeal.Id), LedgerAccount.CreatorPayable(_maya), 400m));
        await Should.ThrowAsync<AccessDeniedException>(async () => await _store.For(_globexFinance, _access, _clock).Ledger.AppendAsync(alone, 1));

        // With one cent of Globex's own escrow in front, it is appended.
        var smuggled = Transaction(
            "smuggled",
            "release",
            (LedgerAccount.Escrow(_globexDeal.Id), LedgerAccount.CreatorPayable(_noor), 0.01m),
            (LedgerAccount.Escrow(_acmeDeal.Id), LedgerAccount.CreatorPayable(_maya), 400m));
        await Should.ThrowAsync<AccessDeniedException>(async () => await _store.For(_globexFinance, _access, _clock).Ledger.AppendAsync(smuggled, 1));
        (await KeysAsync()).ShouldBe(["acme-charge"], "Globex may not release Acme's escrow");
    }

    // The same with a charge: Globex's finance may not charge Acme's funding account.
    [Fact]
    public async Task A_charge_cannot_take_another_brands_funding_by_adding_an_entry_of_ones_own()
    {
        (await _store.Collaborations.SaveAsync(_acmeDeal)).IsSaved.ShouldBeTrue();
        (await _store.Collaborations.SaveAsync(_globexDeal)).IsSaved.ShouldBeTrue();
        var smuggled = Transaction(
            "smuggled",
            "charge",
            (LedgerAccount.BrandFunding(_globex), LedgerAccount.Escrow(_globexDeal.Id), 0.01m),
            (LedgerAccount.BrandFunding(_acme), LedgerAccount.Escrow(_acmeDeal.Id), 900m));

        await Should.ThrowAsync<AccessDeniedException>(async () => await _store.For(_globexFinance, _access, _clock).Ledger.AppendAsync(smuggled, 0));
        (await KeysAsync()).ShouldBeEmpty("Globex may not charge Acme's funding");
    }

    [Fact]
    public async Task A_transaction_already_reversed_is_not_reversed_again_under_another_key()
    {
        (await _store.Collaborations.SaveAsync(_acmeDeal)).IsSaved.ShouldBeTrue();
        var ledger = _store.For(_acmeFinance, _access, _clock).Ledger;
        var charge = new EscrowLedger().Charge("charge-1", _acmeDeal.Id, _acme, Money.Of(500m, Currency.USD), _clock).GetValueOrThrow();
        (await ledger.AppendAsync(charge, 0)).IsAppended.ShouldBeTrue();
        var first = EscrowLedger.FromTransactions([charge]).Correct("fix-1", "charge-1", "charged twice", _clock).GetValueOrThrow();
        (await ledger.AppendAsync(first, 1)).IsAppended.ShouldBeTrue();
        (await ledger.AppendAsync(first, 1)).IsAppended.ShouldBeFalse("a retry of the same correction is answered with it");

        // Decided on the ledger before the first correction, appended at the store's last entry.
        var second = EscrowLedger.FromTransactions([charge]).Correct("fix-2", "charge-1", "charged twice", _clock).GetValueOrThrow();
        var refused = await Should.ThrowAsync<AccessDeniedException>(async () => await ledger.AppendAsync(second, 2));

        refused.Denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_already_corrected");
        (await KeysAsync()).ShouldBe(["charge-1", "fix-1"]);
    }
}

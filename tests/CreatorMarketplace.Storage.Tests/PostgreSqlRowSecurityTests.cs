using CreatorMarketplace.Access;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage.PostgreSql;
using FsCheck.Fluent;
using NodaTime;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// PostgreSQL's row-level security, as a role it binds sees it (not a superuser, without BYPASSRLS, the tables'
/// owner): every store test again, and the policies on their own, read with raw connections for the wrong workspace.
/// </summary>
public sealed class PostgreSqlRowSecurityTests : PostgreSqlStoreTests
{
    private const string Scope = "creator_marketplace.scope";

    protected override NpgsqlDataSource DataSource() => PostgreSqlServer.TenantDataSource();

    protected override string ConnectionString => PostgreSqlServer.TenantConnectionString!;

    [SkippableFact]
    public async Task A_raw_connection_sees_only_the_rows_of_the_parties_its_transaction_names_and_nothing_without_a_scope()
    {
        var (store, a, b, shared) = await TwoBrandsAsync();

        var asB = await RowsAsync(store, string.Join(',', b.Parties));
        asB.Intersect(a.Rows).ShouldBeEmpty();
        b.Rows.Except(asB).ShouldBeEmpty();
        asB.ShouldContain(shared, "creators are shared catalog data");

        (await RowsAsync(store, null)).ShouldBe([shared], ignoreOrder: true, "no scope sees no tenant's row");
        (await RowsAsync(store, "")).ShouldBe([shared], ignoreOrder: true, "an empty scope sees no tenant's row");
        var all = await RowsAsync(store, "*");
        a.Rows.Concat(b.Rows).Except(all).ShouldBeEmpty();

        // Nor can a transaction without the scope write a row of a party, or a scoped one write another party's.
        await using var connection = await DataSource().OpenConnectionAsync();
        var forged = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var insert = new NpgsqlCommand(
                $"""
                SELECT set_config('{Scope}', @scope, true);
                INSERT INTO "{store.Schema}".creator_identities (creator_id, document) VALUES (@creator, '[]');
                """,
                connection);
            insert.Parameters.AddWithValue("scope", string.Join(',', b.Parties));
            insert.Parameters.AddWithValue("creator", a.Creator.Value);
            await insert.ExecuteNonQueryAsync();
        });
        forged.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [SkippableFact]
    public async Task A_scoped_store_finds_reads_and_follows_only_its_parties_rows_and_its_ledger_appends_check_the_whole_ledger()
    {
        var (store, a, b, shared) = await TwoBrandsAsync();
        var parties = new List<Guid>(b.Parties);
        var scoped = store.ScopedTo(() => parties);

        (await scoped.Campaigns.FindAsync(a.Campaign.Id)).ShouldBeNull();
        (await scoped.Campaigns.FindAsync(b.Campaign.Id)).ShouldNotBeNull();
        (await scoped.Collaborations.FindAsync(a.Collaboration.Id)).ShouldBeNull();
        (await scoped.Contracts.FindAsync(a.Contract.Id)).ShouldBeNull();
        (await scoped.Identities.FindAsync(a.Creator)).ShouldBeNull();
        (await scoped.Identities.FindAsync(b.Creator)).ShouldNotBeNull();
        (await scoped.Creators.FindAsync(CreatorId.From(shared))).ShouldNotBeNull("creators are shared catalog data");
        (await ReadAllAsync(scoped.Campaigns.ReadAsync(pageSize: 1))).ShouldBe([b.Campaign.Id]);
        (await ReadAllAsync(scoped.Collaborations.ReadAsync())).ShouldBe([b.Collaboration.Id]);
        var pending = (await scoped.Outbox.ReadPendingAsync(100)).Select(m => m.AggregateId).ToHashSet();
        pending.ShouldContain(b.Collaboration.Id.Value);
        pending.ShouldBeSubsetOf(b.Aggregates);
        (await scoped.Changes.ReadAsync(0, 100)).Select(m => m.AggregateId).ToHashSet().ShouldBe(pending, ignoreOrder: true);
        var ledger = new List<string>();
        await foreach (var transaction in scoped.Ledger.ReadAsync())
        {
            ledger.Add(transaction.Key);
        }

        ledger.ShouldBe([b.LedgerKey]);

        // The append checks the sequence of the whole ledger, not of the rows the scope sees: B's own last entry is
        // stale once A appended after it, and a conflict names the ledger's real last sequence.
        var last = await LastSequenceAsync(store.Ledger);
        var seen = await LastSequenceAsync(scoped.Ledger);
        seen.ShouldBeLessThan(last);
        var charge = new EscrowLedger().Charge("b-again", b.Collaboration.Id, b.Collaboration.Brand, Money.Parse("USD 5.00"), Clock).GetValueOrThrow();
        (await scoped.Ledger.AppendAsync(charge, seen)).AsT2.StoredLastSequence.ShouldBe(last);
        (await scoped.Ledger.AppendAsync(charge, last)).IsAppended.ShouldBeTrue();

        // Another party's aggregate saved through the scope, even as a copy naming the scope's own brand, is a
        // conflict and changes nothing.
        var theirs = (await store.Campaigns.FindAsync(a.Campaign.Id))!;
        (await scoped.Campaigns.SaveAsync(theirs)).IsSaved.ShouldBeFalse();
        var copy = Campaign.FromSnapshot(theirs.ToSnapshot() with { Brand = b.Collaboration.Brand }, theirs.Version);
        (await scoped.Campaigns.SaveAsync(copy)).IsSaved.ShouldBeFalse();
        (await store.Campaigns.FindAsync(a.Campaign.Id))!.Version.ShouldBe(theirs.Version);
        var taken = Campaign.Create(a.Campaign.Id, b.Collaboration.Brand, a.Campaign.Plan, Clock);
        (await scoped.Campaigns.SaveAsync(taken)).IsSaved.ShouldBeFalse("a new aggregate with another party's id is a conflict");

        // The parties are asked again in each transaction, not once.
        parties.AddRange(a.Parties);
        (await scoped.Campaigns.FindAsync(a.Campaign.Id)).ShouldNotBeNull();
        parties.Clear();
        (await scoped.Campaigns.FindAsync(b.Campaign.Id)).ShouldBeNull();
    }

    // The library's own check finds nothing stored under the copy's id, since the actor's scope does not see it; the
    // database refuses the write all the same.
    [SkippableFact]
    public async Task An_actors_save_of_a_copy_of_another_workspaces_aggregate_naming_its_own_brand_is_a_conflict_and_changes_nothing()
    {
        var (store, a, b, _) = await TwoBrandsAsync();
        var (ours, theirs) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var manager = ActorId.From(Guid.NewGuid());
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForBrand(ours, "B", b.Collaboration.Brand), Workspace.ForBrand(theirs, "A", a.Collaboration.Brand)],
            [Membership.Create(manager, ours, "campaign-manager", Start)],
            []);
        var mine = store.For(manager, access, Clock);
        var stored = (await store.Campaigns.FindAsync(a.Campaign.Id))!;

        var copy = Campaign.FromSnapshot(stored.ToSnapshot() with { Brand = b.Collaboration.Brand }, stored.Version);
        (await mine.Campaigns.SaveAsync(copy)).IsSaved.ShouldBeFalse();
        (await store.Campaigns.FindAsync(a.Campaign.Id))!.Brand.ShouldBe(a.Collaboration.Brand);
        (await mine.Campaigns.FindAsync(b.Campaign.Id)).ShouldNotBeNull();
    }

    [SkippableFact]
    public async Task A_ledger_key_another_workspace_holds_is_refused_as_taken_not_as_a_conflict_to_retry_for_ever()
    {
        var (store, a, b, _) = await TwoBrandsAsync();
        var (ours, theirs) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var finance = ActorId.From(Guid.NewGuid());
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForBrand(ours, "B", b.Collaboration.Brand), Workspace.ForBrand(theirs, "A", a.Collaboration.Brand)],
            [Membership.Create(finance, ours, "finance", Start)],
            []);
        var last = await LastSequenceAsync(store.Ledger);

        // A's key, which B's scope does not see, at the ledger's real last sequence: nothing to reload and retry.
        var charge = new EscrowLedger().Charge(a.LedgerKey, b.Collaboration.Id, b.Collaboration.Brand, Money.Parse("USD 5.00"), Clock).GetValueOrThrow();
        LedgerAppendResult? result = null;
        var refused = await Record.ExceptionAsync(async () => result = await store.For(finance, access, Clock).Ledger.AppendAsync(charge, last));

        refused.ShouldBeOfType<AccessDeniedException>($"got {result} instead").Denial.ShouldSatisfyAllConditions(
            denial => denial.Reasons.ShouldHaveSingleItem().Code.ShouldBe("access.ledger_key_taken"),
            denial => denial.CanView.ShouldBeFalse());
        refused.Message.ShouldNotContain("USD 50.00");
        (await LastSequenceAsync(store.Ledger)).ShouldBe(last);
    }

    [SkippableFact]
    public async Task A_store_opened_for_a_creators_account_gives_the_creator_their_own_profiles_events_and_no_others()
    {
        var (store, _, b, shared) = await TwoBrandsAsync();
        var (mine, other) = (WorkspaceId.From(Guid.NewGuid()), WorkspaceId.From(Guid.NewGuid()));
        var creator = ActorId.From(Guid.NewGuid());
        var access = AccessControl.Create(
            AccessPolicy.Default,
            [Workspace.ForCreator(mine, "Shared", CreatorId.From(shared)), Workspace.ForCreator(other, "B's", b.Creator)],
            [Membership.Create(creator, mine, "creator", Start)],
            []);
        var expected = (await store.Outbox.ReadPendingAsync(1_000)).Count(m => m.AggregateId == shared);
        expected.ShouldBeGreaterThan(0);

        var seen = await store.For(creator, access, Clock).Outbox.ReadPendingAsync(1_000);

        seen.Select(m => m.AggregateId).ShouldAllBe(id => id == shared);
        seen.Count.ShouldBe(expected, "the creator's own profile's events, as the in-memory store gives them");
        (await store.ScopedTo(() => b.Parties).Outbox.ReadPendingAsync(1_000)).ShouldNotContain(m => m.AggregateId == shared, "another party's scope does not see them");
    }

    [SkippableFact]
    public async Task Migrating_a_schema_from_before_row_security_fills_in_the_parties_of_its_rows_as_saves_record_them()
    {
        var (store, _, _, _) = await TwoBrandsAsync();
        var recorded = await PartiesAsync(store);
        recorded.Values.ShouldContain(parties => parties.Length > 0);

        await using (var downgrade = DataSource().CreateCommand($"""
            ALTER TABLE "{store.Schema}".aggregates DROP COLUMN parties CASCADE, NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
            ALTER TABLE "{store.Schema}".aggregate_events DROP COLUMN parties CASCADE, NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
            ALTER TABLE "{store.Schema}".outbox DROP COLUMN parties CASCADE, NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
            ALTER TABLE "{store.Schema}".ledger_transactions DROP COLUMN parties CASCADE, NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
            DROP POLICY parties ON "{store.Schema}".creator_identities;
            ALTER TABLE "{store.Schema}".creator_identities NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
            DROP FUNCTION "{store.Schema}".scope_is_all, "{store.Schema}".scope_parties, "{store.Schema}".ledger_last_sequence;
            DROP PROCEDURE "{store.Schema}".scope_to;
            DELETE FROM "{store.Schema}".schema_migrations WHERE version >= 9;
            """))
        {
            await downgrade.ExecuteNonQueryAsync();
        }

        var upgraded = new PostgreSqlMarketplaceStore(DataSource(), new PostgreSqlStoreOptions { Schema = store.Schema });
        await upgraded.MigrateAsync();

        var filled = await PartiesAsync(upgraded);
        filled.Keys.ShouldBe(recorded.Keys, ignoreOrder: true);
        foreach (var (row, parties) in recorded)
        {
            filled[row].ShouldBe(parties, ignoreOrder: true, row);
        }
    }

    // Two brands, each with a campaign, a collaboration with its creator, a contract, a shortlist, the creator's
    // personal data and an escrow charge; and a creator of the shared catalog. A appends to the ledger after B.
    private async Task<(PostgreSqlMarketplaceStore Store, Side A, Side B, Guid Shared)> TwoBrandsAsync()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        var collaborations = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_07UL), 40).DistinctBy(c => c.Brand).DistinctBy(c => c.Creator).Take(2).ToArray();
        var terms = AggregateGenerators.Contracts().Sample(20, new Rnd(2026_12_08UL), 1)[0].ToSnapshot().Versions[0].Terms;
        var plan = AggregateGenerators.Campaigns().Sample(20, new Rnd(2026_12_09UL), 1)[0].Plan;
        var sides = new List<Side>();
        var sequence = 0L;
        foreach (var (collaboration, name) in collaborations.Reverse().Zip(["b", "a"]))
        {
            var campaign = Campaign.Create(EntityId.New<CampaignId>(Clock), collaboration.Brand, plan, Clock);
            var contract = Contract.Draft(EntityId.New<ContractId>(Clock), collaboration.Brand, collaboration.Creator, terms, Clock);
            var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(Clock), collaboration.Brand, $"List {name}", Clock);
            (await store.Campaigns.SaveAsync(campaign)).IsSaved.ShouldBeTrue();
            (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
            (await store.Contracts.SaveAsync(contract)).IsSaved.ShouldBeTrue();
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
            var invoice = Invoice.Draft(EntityId.New<InvoiceId>(Clock), $"Creator {name}", $"Brand {name}", Currency.USD, new LocalDate(2026, 12, 31), InvoiceParties.Between(collaboration.Brand, collaboration.Creator));
            (await store.Invoices.SaveAsync(invoice)).IsSaved.ShouldBeTrue();
            await store.Identities.SaveAsync(new CreatorIdentity(collaboration.Creator, $"Creator {name}", $"{name}@example.com"));
            var charge = new EscrowLedger().Charge($"{name}-charge", collaboration.Id, collaboration.Brand, Money.Parse("USD 50.00"), Clock).GetValueOrThrow();
            sequence = (await store.Ledger.AppendAsync(charge, sequence)).AsT0.LastSequence;
            sides.Add(new Side(collaboration, campaign, contract, shortlist, invoice, $"{name}-charge"));
        }

        var generated = new CreatorGenerator(23, Clock).Next();
        var creator = Creator.Register(EntityId.New<CreatorId>(Clock), generated.Profile, generated.PrimaryAccount, Clock);
        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
        return (store, sides[1], sides[0], creator.Id.Value);
    }

    // What each table shows a transaction of this scope (none set when null): the ids of aggregates, of the aggregates
    // of history rows and outbox rows, of identities' creators, and the ledger's keys.
    private async Task<HashSet<object>> RowsAsync(PostgreSqlMarketplaceStore store, string? scope)
    {
        await using var connection = await DataSource().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (scope is not null)
        {
            await using var set = new NpgsqlCommand($"SELECT set_config('{Scope}', @scope, true);", connection, transaction);
            set.Parameters.AddWithValue("scope", scope);
            await set.ExecuteNonQueryAsync();
        }

        var rows = new HashSet<object>();
        foreach (var select in new[]
        {
            $"""SELECT id FROM "{store.Schema}".aggregates""",
            $"""SELECT id FROM "{store.Schema}".aggregate_events""",
            $"""SELECT aggregate_id FROM "{store.Schema}".outbox""",
            $"""SELECT creator_id FROM "{store.Schema}".creator_identities""",
            $"""SELECT key FROM "{store.Schema}".ledger_transactions""",
        })
        {
            await using var command = new NpgsqlCommand(select, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetValue(0));
            }
        }

        return rows;
    }

    // Every row's parties, by table and key, as a transaction that sees every row reads them.
    private async Task<Dictionary<string, Guid[]>> PartiesAsync(PostgreSqlMarketplaceStore store)
    {
        await using var command = DataSource().CreateCommand($"""
            SELECT set_config('{Scope}', '*', true);
            SELECT 'aggregate ' || kind || ' ' || id, parties FROM "{store.Schema}".aggregates
            UNION ALL SELECT 'event ' || kind || ' ' || id || ' ' || position, parties FROM "{store.Schema}".aggregate_events
            UNION ALL SELECT 'outbox ' || event_id, parties FROM "{store.Schema}".outbox
            UNION ALL SELECT 'ledger ' || key, parties FROM "{store.Schema}".ledger_transactions;
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        var parties = new Dictionary<string, Guid[]>();
        while (await reader.ReadAsync())
        {
            parties.Add(reader.GetString(0), reader.GetFieldValue<Guid[]>(1));
        }

        return parties;
    }

    private static async Task<long> LastSequenceAsync(ILedgerStore ledger)
    {
        var last = 0L;
        await foreach (var transaction in ledger.ReadAsync())
        {
            last = transaction.Entries[^1].Sequence;
        }

        return last;
    }

    private static async Task<List<TId>> ReadAllAsync<TAggregate, TId>(IAsyncEnumerable<StoredAggregate<TAggregate, TId>> read)
        where TAggregate : AggregateRoot<TId>
        where TId : struct, IEntityId<TId>
    {
        var ids = new List<TId>();
        await foreach (var stored in read)
        {
            ids.Add(stored.Id);
        }

        return ids;
    }

    // One brand's rows, and the parties that own them.
    private sealed record Side(Collaboration Collaboration, Campaign Campaign, Contract Contract, Shortlist Shortlist, Invoice Invoice, string LedgerKey)
    {
        public CreatorId Creator => Collaboration.Creator;

        public Guid[] Parties => [Collaboration.Brand.Value, Collaboration.Creator.Value];

        public Guid[] Aggregates => [Campaign.Id.Value, Collaboration.Id.Value, Contract.Id.Value, Shortlist.Id.Value, Invoice.Id.Value];

        public object[] Rows => [.. Aggregates.Cast<object>(), Creator.Value, LedgerKey];
    }
}

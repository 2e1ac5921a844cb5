using System.Collections.Concurrent;
using System.Diagnostics;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage.PostgreSql;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

// Connects as the configured role (a superuser, whom row-level security does not bind); PostgreSqlRowSecurityTests
// runs the same tests as a role it binds.
public class PostgreSqlStoreTests : MarketplaceStoreContract, IAsyncLifetime
{
    private readonly List<string> _schemas = [];
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override Task<IMarketplaceStore> CreateStoreAsync()
    {
        var schema = PostgreSqlServer.NewSchema();
        // Polls so rarely that a wait the contract sees woken was woken by a notification.
        var store = new PostgreSqlMarketplaceStore(DataSource(), new PostgreSqlStoreOptions { Schema = schema, ChangePollingInterval = TimeSpan.FromHours(1) });
        _schemas.Add(schema);
        return Task.FromResult<IMarketplaceStore>(store);
    }

    // Its own data source, so its own connections, as another server's would be.
    protected override Task<IMarketplaceStore> OpenAgainAsync(IMarketplaceStore store)
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return Task.FromResult<IMarketplaceStore>(new PostgreSqlMarketplaceStore(
            dataSource,
            new PostgreSqlStoreOptions { Schema = ((PostgreSqlMarketplaceStore)store).Schema, ChangePollingInterval = TimeSpan.FromHours(1) }));
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Shortlist shortlist)
    {
        var newer = new PostgreSqlMarketplaceStore(DataSource(), new PostgreSqlStoreOptions { Schema = ((PostgreSqlMarketplaceStore)store).Schema, Formats = NewerRelease });
        (await newer.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
    }

    protected override async Task StoreUnreadableAsync(IMarketplaceStore store, Creator creator)
    {
        var newer = new PostgreSqlMarketplaceStore(DataSource(), new PostgreSqlStoreOptions { Schema = ((PostgreSqlMarketplaceStore)store).Schema, Formats = NewerRelease });
        (await newer.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();
    }

    // A trigger keeps each save's transaction open for up to 20 ms after its outbox rows took their sequence numbers,
    // a random time for each row, so that saves running together would commit out of sequence order.
    protected override async Task HoldCommitsOpenAsync(IMarketplaceStore store)
    {
        var schema = ((PostgreSqlMarketplaceStore)store).Schema;
        await ((PostgreSqlMarketplaceStore)store).MigrateAsync();
        await using var command = DataSource().CreateCommand($"""
            CREATE FUNCTION "{schema}".hold_commit_open() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_sleep(random() * 0.02);
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER hold_commit_open AFTER INSERT ON "{schema}".outbox FOR EACH ROW EXECUTE FUNCTION "{schema}".hold_commit_open();
            """);
        await command.ExecuteNonQueryAsync();
    }

    // Saves with events take turns for the outbox from their lock to their commit. The lock, the inserts and the
    // commit go to the server as one round trip, so a save holds its turn while the server runs them, not also
    // while its client (waiting for a core on a busy machine) reads the answer and sends a commit of its own.
    [SkippableFact]
    public async Task A_save_takes_the_outboxs_turn_inserts_its_events_and_commits_in_one_round_trip()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        await store.MigrateAsync();
        var creator = new CreatorGenerator(91, new FakeClock(Instant.FromUtc(2026, 12, 5, 9, 0))).NextNew();
        var roundTrips = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other tests run at the same time: only this test's schema counts.
                if (activity.GetTagItem("db.query.text") is string text && text.Contains($"\"{store.Schema}\"", StringComparison.Ordinal))
                {
                    roundTrips.Enqueue(text);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var events = creator.PendingEvents.Count;
        events.ShouldBeGreaterThan(0);

        (await store.Creators.SaveAsync(creator)).IsSaved.ShouldBeTrue();

        var trips = roundTrips.ToArray();
        trips.Length.ShouldBe(2, "the write, then the outbox's turn with the events and the commit");
        trips[1].ShouldContain("pg_advisory_xact_lock");
        trips[1].ShouldContain("INSERT INTO");
        trips[1].TrimEnd().ShouldEndWith("COMMIT;");
        (await store.Creators.FindAsync(creator.Id))!.Version.ShouldBe(1);
        (await store.Changes.ReadAsync(0, 10)).Count.ShouldBe(events);
    }

    // A notification can be missed (a listener reconnecting, say): polling finds the change all the same.
    [SkippableFact]
    public async Task A_wait_finds_a_change_no_notification_announced_by_polling()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        await store.MigrateAsync();
        var polling = new PostgreSqlMarketplaceStore(store.DataSource, new PostgreSqlStoreOptions { Schema = store.Schema, ChangePollingInterval = TimeSpan.FromMilliseconds(50) });
        var wait = polling.Changes.WaitAsync(0, TimeSpan.FromSeconds(30)).AsTask();
        var unpolled = store.Changes.WaitAsync(0, TimeSpan.FromSeconds(2)).AsTask();

        // Both waits listen before they read the head: once both listen, and the head read after it is done, a row
        // written now can only reach them by a notification or a poll, however slowly the machine opened their
        // connections.
        await using var listening = store.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE @listen AND state = 'idle'");
        listening.Parameters.AddWithValue("listen", $"LISTEN \"{store.Schema}\"%");
        for (var tries = 0; (long)(await listening.ExecuteScalarAsync())! < 2; tries++)
        {
            tries.ShouldBeLessThan(500, "both waits listen within 10 s");
            await Task.Delay(20);
        }

        await Task.Delay(200);
        wait.IsCompleted.ShouldBeFalse("nothing was written yet");
        unpolled.IsCompleted.ShouldBeFalse("nothing was written yet");

        // An outbox row written without the save's NOTIFY (as the store writes, in a scope that sees every row).
        await using var insert = store.DataSource.CreateCommand($"""
            SELECT set_config('creator_marketplace.scope', '*', true);
            INSERT INTO "{store.Schema}".outbox (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at)
            VALUES (gen_random_uuid(), 'Shortlist', gen_random_uuid(), 1, 'ShortlistCreated', '[]', now());
            """);
        await insert.ExecuteNonQueryAsync();

        (await wait).ShouldBeTrue();
        (await unpolled).ShouldBeFalse("a store that polls once an hour learns of a change only from a notification");
    }

    [SkippableFact]
    public async Task Upgrading_a_schema_from_before_dead_letters_keeps_its_pending_events_pending_and_its_delivered_ones_delivered()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), $"List {i}", Clock))).IsSaved.ShouldBeTrue();
        }

        var first = (await store.Outbox.ReadPendingAsync(1)).ShouldHaveSingleItem();
        await store.Outbox.MarkDeliveredAsync([first.EventId], Clock.GetCurrentInstant());

        // The outbox as schema version 4 left it, and the catalog as version 6 did (and none of the later tables).
        var upgraded = await UpgradedAsync(store, $"""
            DROP TABLE "{store.Schema}".creator_identities;
            DROP TABLE "{store.Schema}".creator_catalog_labels;
            DROP INDEX "{store.Schema}".creator_catalog_search;
            ALTER TABLE "{store.Schema}".creator_catalog DROP COLUMN female_share, DROP COLUMN male_share;
            CREATE INDEX creator_catalog_home_country ON "{store.Schema}".creator_catalog (home_country);
            CREATE INDEX creator_catalog_by_engagement_rate ON "{store.Schema}".creator_catalog (engagement_rate DESC NULLS LAST, id);
            DROP TABLE "{store.Schema}".creator_catalog_checkpoint;
            DROP INDEX "{store.Schema}".outbox_pending;
            DROP INDEX "{store.Schema}".outbox_dead_letters;
            ALTER TABLE "{store.Schema}".outbox DROP COLUMN attempts, DROP COLUMN last_error_type, DROP COLUMN dead_lettered_at, DROP COLUMN acted_by;
            CREATE INDEX outbox_pending ON "{store.Schema}".outbox (sequence) WHERE delivered_at IS NULL;
            DELETE FROM "{store.Schema}".schema_migrations WHERE version >= 5;
            """);
        (await upgraded.Outbox.ReadPendingAsync(10)).Select(m => m.Sequence).ShouldBe([2L, 3L]);
        (await upgraded.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        (await upgraded.Outbox.RecordFailedAttemptAsync((await upgraded.Outbox.ReadPendingAsync(1))[0].EventId, "System.TimeoutException", Clock.GetCurrentInstant(), 1)).ShouldBeTrue();
        (await upgraded.Outbox.ReadPendingAsync(10)).Select(m => m.Sequence).ShouldBe([3L]);
    }

    [SkippableFact]
    public async Task Upgrading_a_schema_from_before_who_acted_reads_its_events_as_saved_by_nobody_and_records_who_saves_next()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(Clock), EntityId.New<BrandId>(Clock), "Kept", Clock);
        var (access, manager) = ManagedBy(shortlist.Owner);
        (await store.For(manager, access, Clock).Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();

        // The outbox as schema version 9 left it, and an event the release before wrote into it.
        var upgraded = await UpgradedAsync(store, $"""
            SELECT set_config('creator_marketplace.scope', '*', true);
            ALTER TABLE "{store.Schema}".outbox DROP COLUMN acted_by;
            INSERT INTO "{store.Schema}".outbox (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at, parties)
                SELECT gen_random_uuid(), aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at, parties FROM "{store.Schema}".outbox;
            DELETE FROM "{store.Schema}".schema_migrations WHERE version >= 10;
            """);
        (await upgraded.Changes.ReadAsync(0)).Select(m => m.ActedBy).ShouldBe([null, null], "who saved them is not known");
        var renamed = (await upgraded.Shortlists.FindAsync(shortlist.Id))!;
        renamed.Rename("Renamed", Clock);
        (await upgraded.For(manager, access, Clock).Shortlists.SaveAsync(renamed)).IsSaved.ShouldBeTrue();
        (await upgraded.Changes.ReadAsync(2)).ShouldHaveSingleItem().ActedBy.ShouldBe(manager);
    }

    // The store's schema taken back to an earlier version by the downgrade's SQL, then migrated again by a new store.
    private static async Task<PostgreSqlMarketplaceStore> UpgradedAsync(PostgreSqlMarketplaceStore store, string downgrade)
    {
        await using (var command = store.DataSource.CreateCommand(downgrade))
        {
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = new PostgreSqlMarketplaceStore(store.DataSource, new PostgreSqlStoreOptions { Schema = store.Schema });
        await upgraded.MigrateAsync();
        await using var version = store.DataSource.CreateCommand($"""SELECT MAX(version) FROM "{store.Schema}".schema_migrations;""");
        (await version.ExecuteScalarAsync()).ShouldBe(PostgreSqlMarketplaceStore.SchemaVersion);
        return upgraded;
    }

    [SkippableFact]
    public async Task The_outbox_lease_moves_when_its_holders_connection_is_cut_and_the_holder_learns_it_lost_it()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        var again = await OpenAgainAsync(store);
        var held = (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldNotBeNull();
        (await again.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull();

        // The holder's backend ended, as when its process dies: the server frees the lock with the session.
        await using (var terminate = store.DataSource.CreateCommand($"""
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objid::bigint = (hashtext('creator_marketplace.outbox_lease.{store.Schema}')::bigint & 4294967295);
            """))
        {
            (await terminate.ExecuteScalarAsync()).ShouldBe(true);
        }

        await LostAsync(held);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        IHeldLease? taken;
        while ((taken = await again.OutboxLease.TryAcquireAsync(Renewal)) is null)
        {
            await Task.Delay(20, patience.Token);
        }

        await held.DisposeAsync();
        (await store.OutboxLease.TryAcquireAsync(Renewal)).ShouldBeNull("the former holder's release leaves the new holder's lock alone");
        await taken.DisposeAsync();
    }

    /// <summary>The data source the stores connect through.</summary>
    protected virtual NpgsqlDataSource DataSource() => PostgreSqlServer.DataSource();

    /// <summary>The connection string of a data source of its own.</summary>
    protected virtual string ConnectionString => PostgreSqlServer.ConnectionString!;

    // What pg_dump writes of the store's schema, the catalog's tables in it included: the rows a reader of the
    // database can reach, which must hold nothing of an erased creator.
    [SkippableFact]
    public async Task After_an_erasure_a_dump_of_the_database_holds_nothing_of_the_creators_name_e_mail_or_handle()
    {
        var store = (PostgreSqlMarketplaceStore)await CreateStoreAsync();
        var catalog = new PostgreSqlCreatorCatalog(store.DataSource, new PostgreSqlStoreOptions { Schema = store.Schema });
        var scenario = await StoreCreatorToEraseAsync(store);
        (await catalog.UpsertAsync(scenario.Creator.ToListing())).ShouldBeTrue();
        Occurrences(await DumpAsync(store.Schema), scenario.NamesHer).ShouldNotBeEmpty("the test must see what it then looks for");

        (await store.EraseCreatorAsync(scenario.Creator.Id, catalog, Clock)).IsT0.ShouldBeTrue();

        Occurrences(await DumpAsync(store.Schema), scenario.NamesHer).ShouldBeEmpty();
        (await catalog.FindAsync(scenario.Creator.Id)).ShouldBeNull();
        (await store.Invoices.FindAsync(scenario.Invoice.Id)).ShouldNotBeNull().Total.ShouldBe(scenario.Invoice.Total);
    }

    // pg_dump of one schema, from the server's own installation (as .ci/postgres installs it) or the PATH.
    private static async Task<byte[]> DumpAsync(string schema)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgreSqlServer.ConnectionString);
        var pgDump = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories) : [])
            .Order().LastOrDefault() ?? "pg_dump";
        var start = new System.Diagnostics.ProcessStartInfo(pgDump)
        {
            ArgumentList = { "--host", server.Host!, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", server.Username!, "--schema", schema, "--no-password", server.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (server.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var dump = System.Diagnostics.Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = dump.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = await dump.StandardError.ReadToEndAsync();
        await copy;
        await dump.WaitForExitAsync();
        dump.ExitCode.ShouldBe(0, errors);
        return output.ToArray();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await PostgreSqlServer.DropAsync(_schemas);
    }
}

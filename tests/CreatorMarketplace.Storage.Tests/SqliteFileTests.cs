using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorMarketplace.Discovery;
using FsCheck.Fluent;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>What only the SQLite store has: a file, a schema, triggers, and surviving a killed process.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    private string DatabasePath => Path.Combine(_folder.Path, "nested", "marketplace.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_erased_creators_personal_data_is_nowhere_in_the_database_files()
    {
        // Deleting a row leaves its bytes in the page and in the write-ahead log until they are reused; an erasure
        // overwrites them and truncates the log, so that no byte of the file or its log still spells them.
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        var maya = EntityId.New<CreatorId>(_clock);
        await store.Identities.SaveAsync(new Creators.CreatorIdentity(maya, "Maya Quellenberg", "maya.quellenberg@example.com"));
        await store.Identities.SaveAsync(new Creators.CreatorIdentity(EntityId.New<CreatorId>(_clock), "Ola Berg", "ola.berg@example.com"));
        FileText().ShouldContain("maya.quellenberg@example.com", customMessage: "the test reads the files the data is in");

        (await store.Identities.EraseAsync(maya)).ShouldBeTrue();

        var files = FileText();
        files.ShouldNotContain("maya.quellenberg@example.com");
        files.ShouldNotContain("Quellenberg");
        files.ShouldContain("ola.berg@example.com", customMessage: "the others' data stays");
    }

    // Every byte of the database file and its logs, as Latin-1 text, read while the store keeps them open.
    private string FileText() =>
        string.Concat(Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return reader.ReadToEnd();
        }));

    [Fact]
    public async Task An_expired_message_leaves_no_copy_in_the_file_or_its_logs()
    {
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        var collaboration = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_12UL), 60)
            .First(c => c.Version == 0 && c.SendMessage(CreatorMarketplace.Campaigns.Actor.Brand, "Vault code ZEPHYR-19", _clock).IsDone);
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        FileText().ShouldContain("ZEPHYR-19");

        // Two days after the message, recorded no earlier than the generated history's last event.
        _clock.Reset(collaboration.Messages[^1].SentAt + Duration.FromDays(2));

        var expired = await store.ExpireMessagesAsync(CreatorMarketplace.Campaigns.MessageRetentionPolicy.Create("chat", [CreatorMarketplace.Campaigns.MessageRetentionVersion.Create(Instant.MinValue, 1)]), _clock);

        expired.Collaborations.ShouldBe(1);
        FileText().ShouldNotContain("ZEPHYR-19");
    }

    [Fact]
    public async Task The_file_and_its_folder_are_created_in_WAL_mode_at_the_current_schema_and_migrating_again_changes_nothing()
    {
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            await store.MigrateAsync();
            await store.MigrateAsync();
        }

        using var second = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        await second.MigrateAsync();
        (await ScalarAsync("PRAGMA journal_mode;")).ShouldBe("wal");
        (await ScalarAsync("PRAGMA user_version;")).ShouldBe(SqliteMarketplaceStore.SchemaVersion);
    }

    [Fact]
    public async Task Upgrading_a_file_from_before_dead_letters_keeps_its_pending_events_pending_and_its_delivered_ones_delivered()
    {
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            for (var i = 0; i < 3; i++)
            {
                (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
            }

            var first = (await store.Outbox.ReadPendingAsync(1)).ShouldHaveSingleItem();
            await store.Outbox.MarkDeliveredAsync([first.EventId], _clock.GetCurrentInstant());
        }

        // The outbox as schema version 3 left it (and none of the later tables).
        await ExecuteAsync("""
            DROP TABLE creator_identities;
            DROP TABLE outbox_lease;
            DROP INDEX outbox_pending;
            DROP INDEX outbox_dead_letters;
            ALTER TABLE outbox DROP COLUMN attempts;
            ALTER TABLE outbox DROP COLUMN last_error_type;
            ALTER TABLE outbox DROP COLUMN dead_lettered_at;
            ALTER TABLE outbox DROP COLUMN acted_by;
            CREATE INDEX outbox_pending ON outbox (sequence) WHERE delivered_at IS NULL;
            PRAGMA user_version = 3;
            """);

        using var upgraded = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        await upgraded.MigrateAsync();

        (await ScalarAsync("PRAGMA user_version;")).ShouldBe((long)SqliteMarketplaceStore.SchemaVersion);
        (await upgraded.Outbox.ReadPendingAsync(10)).Select(m => m.Sequence).ShouldBe([2L, 3L]);
        (await upgraded.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        (await upgraded.Outbox.RecordFailedAttemptAsync((await upgraded.Outbox.ReadPendingAsync(1))[0].EventId, "System.TimeoutException", _clock.GetCurrentInstant(), 1)).ShouldBeTrue();
        (await upgraded.Outbox.ReadPendingAsync(10)).Select(m => m.Sequence).ShouldBe([3L]);
    }

    [Fact]
    public async Task Upgrading_a_file_from_before_who_acted_reads_its_events_as_saved_by_nobody_and_records_who_saves_next()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Kept", _clock);
        var (access, manager) = MarketplaceStoreContract.ManagedBy(shortlist.Owner);
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            (await store.For(manager, access, _clock).Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        // The outbox as schema version 6 left it, and an event the release before wrote into it.
        await ExecuteAsync("""
            ALTER TABLE outbox DROP COLUMN acted_by;
            INSERT INTO outbox (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at)
                SELECT '0190c2b4-0000-7000-8000-00000000000a', aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at FROM outbox;
            PRAGMA user_version = 6;
            """);

        using var upgraded = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        await upgraded.MigrateAsync();

        (await ScalarAsync("PRAGMA user_version;")).ShouldBe((long)SqliteMarketplaceStore.SchemaVersion);
        (await upgraded.Changes.ReadAsync(0)).Select(m => m.ActedBy).ShouldBe([null, null], "who saved them is not known");
        var renamed = (await upgraded.Shortlists.FindAsync(shortlist.Id))!;
        renamed.Rename("Renamed", _clock);
        (await upgraded.For(manager, access, _clock).Shortlists.SaveAsync(renamed)).IsSaved.ShouldBeTrue();
        (await upgraded.Changes.ReadAsync(2)).ShouldHaveSingleItem().ActedBy.ShouldBe(manager);
    }

    [Fact]
    public async Task An_outbox_lease_its_holder_stopped_renewing_is_taken_over_once_expired_and_the_holder_learns_it_lost_it()
    {
        // Two processes' clocks: the holder's stands still, as a holder that hangs or dies does.
        var holderTime = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var otherTime = new FakeTimeProvider(holderTime.GetUtcNow());
        using var holderStore = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }, holderTime);
        using var otherStore = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }, otherTime);
        var renewal = TimeSpan.FromSeconds(10);
        await using var held = (await holderStore.OutboxLease.TryAcquireAsync(renewal)).ShouldNotBeNull();

        otherTime.Advance(renewal * 3 - TimeSpan.FromMilliseconds(1));
        (await otherStore.OutboxLease.TryAcquireAsync(renewal)).ShouldBeNull("the lease lasts three renewal intervals");
        otherTime.Advance(TimeSpan.FromMilliseconds(1));
        await using var taken = (await otherStore.OutboxLease.TryAcquireAsync(renewal)).ShouldNotBeNull("an expired lease is taken over");

        holderTime.Advance(renewal);
        await MarketplaceStoreContract.LostAsync(held);
        held.Lost.IsCancellationRequested.ShouldBeTrue();
        await held.DisposeAsync();
        (await holderStore.OutboxLease.TryAcquireAsync(renewal)).ShouldBeNull("the former holder's release leaves the new holder's lease alone");
        taken.Lost.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task A_holder_renewing_on_time_keeps_its_outbox_lease_past_its_first_expiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        using var holderStore = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }, time);
        using var otherStore = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }, time);
        var renewal = TimeSpan.FromSeconds(10);
        await using var held = (await holderStore.OutboxLease.TryAcquireAsync(renewal)).ShouldNotBeNull();

        for (var i = 0; i < 5; i++)
        {
            time.Advance(renewal);
            var expiry = (time.GetUtcNow() + (renewal * 3)).ToUnixTimeMilliseconds();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!Equals(await ScalarAsync("SELECT expires_at FROM outbox_lease;"), expiry))
            {
                await Task.Delay(10, patience.Token);
            }
        }

        (await otherStore.OutboxLease.TryAcquireAsync(renewal)).ShouldBeNull("each renewal moved the expiry on");
        held.Lost.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task What_one_store_saved_another_opening_the_file_later_loads()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Kept", _clock);
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        using var reopened = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        (await reopened.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull().Name.ShouldBe("Kept");
        (await reopened.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem().Event.ShouldBeOfType<ShortlistCreated>();
    }

    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_rather_than_changed()
    {
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            await store.MigrateAsync();
        }

        await ExecuteAsync($"PRAGMA user_version = {SqliteMarketplaceStore.SchemaVersion + 1};");
        using var older = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });

        var error = await Should.ThrowAsync<InvalidOperationException>(async () => await older.MigrateAsync());

        error.Message.ShouldContain($"schema version {SqliteMarketplaceStore.SchemaVersion + 1}");
    }

    [Fact]
    public async Task The_database_itself_refuses_to_change_or_delete_a_ledger_transaction()
    {
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            var entry = new CreatorMarketplace.Payments.LedgerEntry(1, "k1", CreatorMarketplace.Payments.LedgerAccount.PlatformFees, CreatorMarketplace.Payments.LedgerAccount.PlatformFees, Money.Parse("USD 1.00"), _clock.GetCurrentInstant(), "memo");
            (await store.Ledger.AppendAsync(new CreatorMarketplace.Payments.LedgerTransaction("k1", "charge", [entry], entry.PostedAt), 0)).IsAppended.ShouldBeTrue();
        }

        (await Should.ThrowAsync<SqliteException>(() => ExecuteAsync("UPDATE ledger_transactions SET posted_at = 'x';"))).Message.ShouldContain("append-only");
        (await Should.ThrowAsync<SqliteException>(() => ExecuteAsync("DELETE FROM ledger_transactions;"))).Message.ShouldContain("append-only");
        (await ScalarAsync("SELECT COUNT(*) FROM ledger_transactions;")).ShouldBe(1L);
    }

    [Fact]
    public async Task A_ledger_transaction_stored_before_who_acted_was_recorded_reads_as_appended_by_no_actor()
    {
        using (var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            await store.MigrateAsync();
        }

        var entry = new CreatorMarketplace.Payments.LedgerEntry(1, "k1", CreatorMarketplace.Payments.LedgerAccount.PlatformFees, CreatorMarketplace.Payments.LedgerAccount.PlatformFees, Money.Parse("USD 1.00"), _clock.GetCurrentInstant(), "memo \"actedBy\":");
        var written = CreatorMarketplace.Serialization.StoredJson.Write(new CreatorMarketplace.Payments.LedgerTransaction("k1", "charge", [entry], entry.PostedAt));
        var older = System.Text.Json.Nodes.JsonNode.Parse(written)!.AsObject();
        older.Remove("actedBy");
        older.Remove("approvedBy");
        await ExecuteAsync($"INSERT INTO ledger_transactions (key, first_sequence, last_sequence, posted_at, document) VALUES ('k1', 1, 1, '{entry.PostedAt}', '{older.ToJsonString()}');");
        using var reopened = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });

        var read = (await reopened.Ledger.FindAsync("k1")).ShouldNotBeNull();

        (read.ActedBy, read.ApprovedBy).ShouldBe((null, null));
        read.Entries.ShouldHaveSingleItem().Memo.ShouldBe("memo \"actedBy\":", "a member's name inside a memo is text, not a member");
        older["approvedBy"] = "01890a5d-ac96-774b-bcce-b302099a8059";
        await ExecuteAsync($"INSERT INTO ledger_transactions (key, first_sequence, last_sequence, posted_at, document) VALUES ('k2', 2, 2, '{entry.PostedAt}', '{older.ToJsonString().Replace("k1", "k2", StringComparison.Ordinal)}');");
        (await Should.ThrowAsync<System.Text.Json.JsonException>(async () => await reopened.Ledger.FindAsync("k2"))).Message.ShouldContain("actedBy");
    }

    [Fact]
    public async Task A_document_stored_under_an_older_schema_is_upgraded_when_loaded()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Old name", _clock);
        using (var v1 = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            (await v1.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        }

        // A later release whose shortlist schema is version 2, with an upgrade from version 1.
        var formats = StoredFormats.Current with
        {
            Shortlist = new SnapshotSchema<ShortlistSnapshot>("Shortlist", 2).WithUpgrade(1, document =>
            {
                document["name"] = document["name"]!.GetValue<string>() + " (upgraded)";
                return document;
            }),
        };
        using var v2 = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath, Formats = formats });

        var loaded = (await v2.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull();
        loaded.Name.ShouldBe("Old name (upgraded)");
        loaded.Rename("New name", _clock);
        (await v2.Shortlists.SaveAsync(loaded)).IsSaved.ShouldBeTrue();
        (await ScalarAsync("SELECT schema_version FROM aggregates;")).ShouldBe(2L, "a save writes the current schema");
        (await v2.Shortlists.FindAsync(shortlist.Id)).ShouldNotBeNull().Name.ShouldBe("New name", "a current document is not upgraded again");
    }

    [Fact]
    public async Task A_stored_document_the_aggregate_refuses_is_refused_at_its_json_path()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Spring", _clock);
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        (await store.Shortlists.SaveAsync(shortlist)).IsSaved.ShouldBeTrue();
        await ExecuteAsync("UPDATE aggregates SET document = replace(document, '\"Spring\"', '\" padded \"');");

        var error = await Should.ThrowAsync<JsonException>(async () => await store.Shortlists.FindAsync(shortlist.Id));

        error.Path.ShouldBe("$.name");
        error.Message.ShouldBe("Shortlist snapshot (schema version 1): $.name: a name is trimmed and has 1 to 100 characters. (shortlist.name_invalid)");
        error.InnerException.ShouldBeOfType<DomainValidationException>().Errors.ShouldHaveSingleItem().Field.ShouldBe("Name");
    }

    [Fact]
    public async Task A_process_killed_while_saving_leaves_nothing_half_written()
    {
        // Each round starts the writer on the same file and kills it at a random point of its save loop, where it
        // spends most of its time inside transactions.
        var random = new Random(20261130);
        for (var round = 0; round < 12; round++)
        {
            using var writer = StartWriter();
            await WaitForSavesAsync(writer, 2 + random.Next(5));
            await Task.Delay(random.Next(0, 30));
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }

        (await ScalarAsync("PRAGMA integrity_check;")).ShouldBe("ok");
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        var rows = await QueryAsync("SELECT id, version FROM aggregates WHERE kind = 'Shortlist';", r => (Id: Guid.Parse(r.GetString(0)), Version: r.GetInt64(1)));
        rows.Count.ShouldBeGreaterThan(30);
        foreach (var (id, version) in rows)
        {
            // The writer's pattern: 50 entries and 51 events at version 1, one more entry and 2 more events per save.
            var shortlist = (await store.Shortlists.FindAsync(ShortlistId.From(id))).ShouldNotBeNull();
            shortlist.Entries.Count.ShouldBe(50 + (int)(version - 1));
            var events = (long)(await ScalarAsync($"SELECT COUNT(*) FROM outbox WHERE aggregate_id = '{id:D}';"))!;
            events.ShouldBe(51 + (2 * (version - 1)), $"shortlist {id} at version {version}");
        }

        var sequences = await QueryAsync("SELECT first_sequence, last_sequence FROM ledger_transactions ORDER BY first_sequence;", r => (First: r.GetInt64(0), Last: r.GetInt64(1)));
        sequences.Select(s => s.First).ShouldBe(Enumerable.Range(1, sequences.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task A_collaborations_save_appends_its_new_events_and_leaves_the_stored_ones_as_they_were()
    {
        var (collaboration, clock) = Collaborations.TakingMessages();
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        var first = await HistoryRowsAsync();
        first.Count.ShouldBe(collaboration.ToSnapshot().History.Count);

        // From here on a stored event can only be added to.
        await ExecuteAsync("""
            CREATE TRIGGER history_kept_update BEFORE UPDATE ON aggregate_events BEGIN SELECT RAISE(ABORT, 'history rewritten'); END;
            CREATE TRIGGER history_kept_delete BEFORE DELETE ON aggregate_events BEGIN SELECT RAISE(ABORT, 'history rewritten'); END;
            """);
        var loaded = (await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull();
        loaded.SendMessage(Campaigns.Actor.Brand, "One more thing", clock).IsDone.ShouldBeTrue();
        (await store.Collaborations.SaveAsync(loaded)).IsSaved.ShouldBeTrue();

        var second = await HistoryRowsAsync();
        second.Count.ShouldBe(first.Count + 1);
        second.Take(first.Count).ShouldBe(first);
        (await ScalarAsync("SELECT json_array_length(document, '$.history') FROM aggregates WHERE kind = 'Collaboration';")).ShouldBe(0L);
        Same.Json((await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull().ToSnapshot()).ShouldBe(Same.Json(loaded.ToSnapshot()));
    }

    [Fact]
    public async Task A_collaboration_stored_whole_as_before_loads_and_its_next_save_moves_its_history_into_rows()
    {
        var (collaboration, clock) = Collaborations.TakingMessages();
        using var store = new SqliteMarketplaceStore(new SqliteStoreOptions { Path = DatabasePath });
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        var whole = StoredFormats.Current.Collaboration.Write(collaboration.ToSnapshot());
        await ExecuteAsync($"DELETE FROM aggregate_events; UPDATE aggregates SET document = '{whole.Replace("'", "''", StringComparison.Ordinal)}' WHERE kind = 'Collaboration';");

        var loaded = (await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull();
        Same.Json(loaded.ToSnapshot()).ShouldBe(Same.Json(collaboration.ToSnapshot()));
        loaded.SendMessage(Campaigns.Actor.Creator, "Moved", clock).IsDone.ShouldBeTrue();
        (await store.Collaborations.SaveAsync(loaded)).IsSaved.ShouldBeTrue();

        (await HistoryRowsAsync()).Count.ShouldBe(loaded.ToSnapshot().History.Count);
        (await ScalarAsync("SELECT json_array_length(document, '$.history') FROM aggregates WHERE kind = 'Collaboration';")).ShouldBe(0L);
        Same.Json((await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull().ToSnapshot()).ShouldBe(Same.Json(loaded.ToSnapshot()));
    }

    private Task<List<(long Position, string Event)>> HistoryRowsAsync() =>
        QueryAsync("SELECT position, event FROM aggregate_events WHERE kind = 'Collaboration' ORDER BY position;", r => (r.GetInt64(0), r.GetString(1)));

    private Process StartWriter()
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "CreatorMarketplace.Storage.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet", [writer, DatabasePath]) { RedirectStandardOutput = true, UseShellExecute = false };
        return Process.Start(start).ShouldNotBeNull();
    }

    private static async Task WaitForSavesAsync(Process writer, int saves)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var seen = 0; seen < saves;)
        {
            var line = await writer.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"the writer exited with code {writer.ExitCode}");
            if (line.StartsWith("saved ", StringComparison.Ordinal))
            {
                seen++;
            }
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}

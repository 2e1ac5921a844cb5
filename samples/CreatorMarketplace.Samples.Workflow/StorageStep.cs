using CreatorMarketplace;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Payments;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 9: everything the walk-through made, kept in a durable store through <c>AddCreatorMarketplace</c>: a SQLite
/// file by default, or PostgreSQL when given a connection string. The aggregates are saved with their events, read
/// back by a second container as a restarted application would, a stale save is refused as a conflict, the outbox
/// is delivered, and the escrow ledger is appended once however often it is replayed.
/// </summary>
internal static class StorageStep
{
    public static async Task Run(IClock clock, StoreChoice store, Creator maya, CampaignOutcome campaign, PaymentsOutcome payments, TextWriter output)
    {
        output.WriteLine("Step 9: storing the campaign");
        await store.ResetAsync();
        output.WriteLine($"  Store: {store}, emptied first so that each run starts alike");
        var (_, delivered, contract) = campaign.Delivered;
        var cancelled = campaign.Cancelled.Collaboration;

        // 1. Save everything with its pending events. Each save is one transaction: the aggregate, its new version
        //    and its events in the outbox, together or not at all.
        var saved = new List<object?[]>();
        await using (var services = store.Services(clock))
        {
            var marketplace = services.GetRequiredService<IMarketplaceStore>();
            saved.Add(Row("Creator", maya.Profile.DisplayName, maya.PendingEvents.Count, await marketplace.Creators.SaveAsync(maya)));
            saved.Add(Row("Campaign", campaign.Campaign.Plan.Name, campaign.Campaign.PendingEvents.Count, await marketplace.Campaigns.SaveAsync(campaign.Campaign)));
            saved.Add(Row("Contract", contract.Status.Name, contract.PendingEvents.Count, await marketplace.Contracts.SaveAsync(contract)));
            saved.Add(Row("Collaboration", delivered.Status.Name, delivered.PendingEvents.Count, await marketplace.Collaborations.SaveAsync(delivered)));
            saved.Add(Row("Collaboration", cancelled.Status.Name, cancelled.PendingEvents.Count, await marketplace.Collaborations.SaveAsync(cancelled)));
            saved.Add(Row("Invoice", payments.Invoice.Number, payments.Invoice.PendingEvents.Count, await marketplace.Invoices.SaveAsync(payments.Invoice)));

            // The ledger is append-only, and a key is used once: replaying every transaction twice appends each once.
            // Each is appended after the entry it was decided on; the store numbers it, and the ledger takes its numbers.
            var appended = 0;
            var repeats = 0;
            var conflicts = 0;
            foreach (var transaction in payments.Ledger.Transactions.Concat(payments.Ledger.Transactions))
            {
                var result = await services.GetRequiredService<ILedgerStore>().AppendAsync(transaction, transaction.Entries[0].Sequence - 1);
                result.Switch(
                    stored =>
                    {
                        payments.Ledger.Adopt(stored.Transaction);
                        appended++;
                    },
                    _ => repeats++,
                    _ => conflicts++);
            }

            DiscoveryStep.WriteTable(output, ["aggregate", "which", "events", "saved"], saved);
            output.WriteLine($"  Ledger: {appended} transactions appended, {repeats} repeats recognised by their keys, {conflicts} out of sequence");
        }

        // 2. A second container on the same store, as after a restart: everything loads as it was saved.
        await using (var services = store.Services(clock))
        {
            var creators = services.GetRequiredService<IRepository<Creator, CreatorId>>();
            var loadedContract = await services.GetRequiredService<IRepository<Contracts.Contract, ContractId>>().FindAsync(contract.Id);
            var loadedCollaboration = await services.GetRequiredService<IRepository<Campaigns.Collaboration, CollaborationId>>().FindAsync(delivered.Id);
            output.WriteLine($"  After a restart: contract {loadedContract!.Status} at version {loadedContract.Version}, in force: version {loadedContract.InForce?.Number}; " +
                $"collaboration {loadedCollaboration!.Status} with {loadedCollaboration.History.Count} events replayed");

            // The escrow ledger, rebuilt from its stored transactions: the same balances, and the keys still known.
            var stored = new List<LedgerTransaction>();
            await foreach (var transaction in services.GetRequiredService<ILedgerStore>().ReadAsync())
            {
                stored.Add(transaction);
            }

            var ledger = EscrowLedger.FromTransactions(stored);
            output.WriteLine($"  The escrow ledger rebuilt from {stored.Count} stored transactions: platform fees {ledger.Balance(LedgerAccount.PlatformFees, Currency.USD)} " +
                $"(before the restart: {payments.Ledger.Balance(LedgerAccount.PlatformFees, Currency.USD)}), {ledger.Entries.Count} postings");

            // The creator catalog follows the store, as AddCreatorMarketplace's hosted service runs it in an
            // application with a host: it loads every stored creator at once (a bulk read, published whole), then
            // applies each later save from the store's change feed. This container has no host, so it runs it here.
            var catalog = services.GetRequiredService<ICreatorCatalog>();
            var follower = services.GetRequiredService<CatalogFollower>();
            using var stopFollowing = new CancellationTokenSource();
            var following = follower.RunAsync(stopFollowing.Token);
            await follower.WaitUntilCaughtUpAsync();
            var found = (await catalog.SearchAsync(new CreatorQuery())).AsT0.Items.Select(listing => $"{listing.Profile.DisplayName} at version {listing.Version}");

            var collaborations = 0;
            await foreach (var _ in services.GetRequiredService<IRepository<Campaigns.Collaboration, CollaborationId>>().ReadAsync())
            {
                collaborations++;
            }

            output.WriteLine($"  The catalog follows the store: {found.Count()} creator loaded at position {follower.Position}, found by a search ({string.Join(", ", found)}); {collaborations} collaborations read in bulk");

            // The collaborations a page of changes names, found in one read (one query in a database), as the
            // follower finds the creators of each page it applies.
            var changes = await services.GetRequiredService<IChangeFeed>().ReadAsync(0);
            var named = changes.Where(change => change.Aggregate == nameof(Campaigns.Collaboration)).Select(change => CollaborationId.From(change.AggregateId)).ToList();
            var foundTogether = await services.GetRequiredService<IRepository<Campaigns.Collaboration, CollaborationId>>().FindManyAsync(named).ToListAsync();
            output.WriteLine($"  A page of {changes.Count} changes names {named.Distinct().Count()} collaborations in {named.Count} changes; one find of many reads them: {string.Join(", ", foundTogether.Select(stored => $"{stored.Aggregate.Status} at version {stored.Version}"))}");

            // 3. Two editors load the creator; the first saves, the second's save is a conflict that changes nothing,
            //    and it succeeds once redone on the newer version.
            var first = (await creators.FindAsync(maya.Id))!;
            var second = (await creators.FindAsync(maya.Id))!;
            first.RecordCollaboration(new PastCollaboration("Glow Labs", null, 1, campaign.Brand), clock);
            second.SetOnVacation(true, clock);
            var firstSave = await creators.SaveAsync(first);
            var secondSave = await creators.SaveAsync(second);
            output.WriteLine($"  Two editors of {maya.Profile.DisplayName}: the first is {firstSave}; the second: {secondSave.Conflict}");
            var retry = (await creators.FindAsync(maya.Id))!;
            retry.SetOnVacation(true, clock);
            output.WriteLine($"  The second editor reloads and redoes the change: {await creators.SaveAsync(retry)}, keeping the first editor's ({retry.PastCollaborations.Count} past collaboration on record)");

            // The follower applies the editors' saves: the search finds the creator at its newest version.
            await follower.WaitUntilCaughtUpAsync();
            var followed = (await catalog.FindAsync(maya.Id))!;
            output.WriteLine($"  The catalog followed the saves: {followed.Profile.DisplayName} at version {followed.Version}, on vacation: {followed.OnVacation} ({follower.Status.State}, {follower.Status.Behind} behind)");
            await stopFollowing.CancelAsync();
            try
            {
                await following;
            }
            catch (OperationCanceledException)
            {
                // Stopped, as a host stops it.
            }

            // 4. The outbox: every event the saves wrote, delivered at least once, in order, with its id. The bus
            //    refuses signatures for now: with one attempt allowed each is dead-lettered, and the others flow past.
            var publisher = (CountingPublisher)services.GetRequiredService<IOutboxPublisher>();
            var outbox = services.GetRequiredService<IOutbox>();
            var dispatcher = new OutboxDispatcher(outbox, publisher, clock, maxAttempts: 1);
            publisher.Refusing = nameof(ContractSigned);
            var report = await dispatcher.DispatchPendingAsync();
            var again = await dispatcher.DispatchPendingAsync();
            output.WriteLine($"  Outbox: {report.Delivered} events delivered ({string.Join(", ", publisher.ByType.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(4).Select(pair => $"{pair.Key} ×{pair.Value}"))}, …); a second pass finds {again.Delivered}");
            var letters = await outbox.ReadDeadLettersAsync(10);
            output.WriteLine($"  Dead letters: {report.DeadLettered} ({string.Join("; ", letters.Select(letter => $"{letter.Message.Event.GetType().Name} at position {letter.Message.Sequence}, {letter.LastErrorType} after {letter.Attempts} attempt"))})");

            // 5. Once the bus takes signatures again, the dead letters are put back and delivered, late.
            publisher.Refusing = null;
            var retried = await outbox.RetryAllDeadLettersAsync();
            var late = await dispatcher.DispatchPendingAsync();
            output.WriteLine($"  Retried {retried} dead letters: {late.Delivered} delivered by the next pass, {(await outbox.ReadDeadLettersAsync(10)).Count} left");
        }

        output.WriteLine();
    }

    private static object?[] Row(string aggregate, string? which, int events, SaveResult result) =>
        [aggregate, which, events, result.ToString()];

    private sealed class CountingPublisher : IOutboxPublisher
    {
        public Dictionary<string, int> ByType { get; } = [];

        // The name of an event type the bus refuses, or null.
        public string? Refusing { get; set; }

        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var name = message.Event.GetType().Name;
            if (name == Refusing)
            {
                throw new HttpRequestException($"the bus refused {name}");
            }

            ByType[name] = ByType.GetValueOrDefault(name) + 1;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Where step 9 keeps things: a SQLite file (the default) or a PostgreSQL database.</summary>
    internal sealed record StoreChoice(string? SqlitePath, string? PostgreSqlConnectionString)
    {
        /// <summary>A container configured as an application would configure its own.</summary>
        public ServiceProvider Services(IClock clock)
        {
            var services = new ServiceCollection().AddSingleton(clock);
            services.AddCreatorMarketplace(marketplace =>
            {
                marketplace.AddOutboxPublisher<CountingPublisher>();
                if (PostgreSqlConnectionString is { } connectionString)
                {
                    // The container owns the data source and disposes it; the store only borrows it.
                    services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                    marketplace.UsePostgreSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), options => options.Schema = Schema);
                }
                else
                {
                    marketplace.UseSqlite(SqlitePath!);
                }
            });
            var provider = services.BuildServiceProvider(validateScopes: true);

            // What a host does when it starts: a bad option fails here, naming the option.
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }

        /// <summary>The PostgreSQL schema the sample keeps its data in.</summary>
        public const string Schema = "workflow_sample";

        /// <summary>Empties the store: deletes the SQLite file, or drops the sample's PostgreSQL schema.</summary>
        public async Task ResetAsync()
        {
            if (PostgreSqlConnectionString is { } connectionString)
            {
                await using var dataSource = NpgsqlDataSource.Create(connectionString);
                await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;");
                await drop.ExecuteNonQueryAsync();
                return;
            }

            // SQLite creates the file but not its folder, which the report may not have made (it can go elsewhere).
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(SqlitePath!))!);
            foreach (var file in new[] { SqlitePath!, SqlitePath + "-wal", SqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }

        public override string ToString() =>
            PostgreSqlConnectionString is { } connectionString
                ? $"PostgreSQL, schema {Schema} ({new NpgsqlConnectionStringBuilder(connectionString) { Password = null }})"
                : $"SQLite file {Path.GetFullPath(SqlitePath!)}";
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using CreatorMarketplace.Hosting.Instance;
using CreatorMarketplace.Storage.PostgreSql;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>Runs the fleet test alone: three application processes are load enough for two cores.</summary>
[CollectionDefinition(nameof(PostgreSqlFleetTests), DisableParallelization = true)]
public sealed class PostgreSqlFleetCollection;

/// <summary>
/// Many instances of an application over one PostgreSQL database, each a process of its own
/// (tests/CreatorMarketplace.Hosting.Instance): writers in every process save creator changes while every process
/// searches; one process is killed during the writes and restarted, then the one holding the outbox lease. Afterwards
/// every instance's catalog answers as <see cref="ReferenceCreatorCatalog"/> over the store's listings, and every
/// event was delivered at least once, in order per aggregate, the lease having moved to another instance.
/// </summary>
[Collection(nameof(PostgreSqlFleetTests))]
public sealed class PostgreSqlFleetTests : IAsyncLifetime
{
    // The changes the writers save in all: the figure.
    private const int Changes = 20_000;

    private static readonly TimeSpan Answer = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Writes = TimeSpan.FromMinutes(10);

    private readonly string _schema = PostgreSqlServer.NewSchema();

    // Every instance started, killed at the end if still running.
    private readonly List<FleetInstance> _started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _started)
        {
            await instance.DisposeAsync();
        }

        await PostgreSqlServer.DropAsync([_schema]);
    }

    [SkippableFact]
    public async Task Three_instances_write_and_search_lose_two_processes_and_end_answering_as_the_store_with_every_event_delivered_in_order()
    {
        var dataSource = PostgreSqlServer.DataSource();
        var store = new PostgreSqlMarketplaceStore(dataSource, new PostgreSqlStoreOptions { Schema = _schema });
        await store.MigrateAsync();
        await using (var create = dataSource.CreateCommand(DeliveryTable.Create(_schema)))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var writers = new List<Writer>();
        var searchers = new Dictionary<FleetInstance, Searcher>();
        foreach (var (name, seed, count) in new[] { ("a", 1, 7_000), ("b", 2, 7_000), ("c", 3, 6_000) })
        {
            var instance = await StartAsync(name);
            searchers[instance] = new Searcher(instance);
            await instance.WriteAsync(seed, count);
            writers.Add(new Writer(instance, seed, count));
        }

        // A process that does not hold the lease, killed in the middle of its writes and restarted: the new one
        // writes what the killed one had not.
        var holder = await HolderAsync(searchers.Keys);
        var first = writers.First(w => w.Instance != holder);
        await EventuallyAsync(() => first.Instance.Saved(first.Seed) >= first.Count / 4, $"{first.Instance.Name} saved a quarter of its changes", searchers.Keys);
        var restarted = await KillAndRestartAsync(first, writers, searchers);
        first.Instance.Saved(first.Seed).ShouldBeLessThan(first.Count, $"{first.Instance.Name} was killed during its writes");
        Trace($"{clock.Elapsed}: killed {first.Instance.Name} after {first.Instance.Saved(first.Seed)} saves, restarted as {restarted.Name}");

        // Then the process holding the lease, once more than half the changes are saved; another takes the lease.
        await EventuallyAsync(() => writers.Sum(w => w.Instance.Saved(w.Seed)) >= Changes / 2, "half the changes saved", searchers.Keys);
        holder = await HolderAsync(searchers.Keys);
        var holderWrites = writers.Single(w => w.Instance == holder);
        var holderRestarted = await KillAndRestartAsync(holderWrites, writers, searchers);

        // Read once the holder is dead: every later delivery is another instance's (half the changes are still to come).
        var deliveredBeforeKill = await LastDeliveryAsync(dataSource);
        Trace($"{clock.Elapsed}: killed the lease holder {holder.Name}, restarted as {holderRestarted.Name}");
        var successor = await HolderAsync(searchers.Keys);

        await EventuallyAsync(() => writers.All(w => w.Done), $"the writers saved {Changes:N0} changes", searchers.Keys);
        Trace($"{clock.Elapsed}: every change saved");
        foreach (var (instance, searcher) in searchers)
        {
            (await searcher.StopAsync()).ShouldBeGreaterThan(0, $"{instance.Name} searched during the writes");
        }

        // Every instance catches up with the store's head and answers as the reference catalog over its listings.
        var head = await store.Changes.HeadAsync();
        var reference = new ReferenceCreatorCatalog();
        await foreach (var listing in store.Creators.ReadListingsAsync())
        {
            (await reference.UpsertAsync(listing)).ShouldBeTrue();
        }

        var expected = await FleetQueries.AnswersAsync(reference);
        foreach (var instance in searchers.Keys)
        {
            var status = await instance.AskAsync("caught-up", Answer);
            status.Position.ShouldBe(head, instance.Tail());
            status.Faults.ShouldBe(0, instance.Tail());
            var answers = (await instance.AskAsync("search", Answer)).Answers.ShouldNotBeNull();
            answers.Count.ShouldBe(expected.Count, instance.Tail());
            answers[0].ShouldStartWith($"query 0, page 1: {reference.Count} [", Case.Sensitive, $"{instance.Name} holds every creator once{Environment.NewLine}{instance.Tail()}");
            for (var i = 0; i < expected.Count; i++)
            {
                answers[i].ShouldBe(expected[i], $"{instance.Name}'s answer {i}{Environment.NewLine}{instance.Tail()}");
            }
        }

        Trace($"{clock.Elapsed}: every instance answers as the store; {reference.Count:N0} creators");

        // The writers saved the count: each save is one creator version on the feed. A killed writer may have
        // saved one change it did not live to report.
        var changes = await ReadChangesAsync(store);
        var saves = changes.Where(c => c.Aggregate == "Creator").Select(c => (c.AggregateId, c.AggregateVersion)).Distinct().Count();
        saves.ShouldBeInRange(Changes, Changes + 2);

        // Every event delivered at least once, the first deliveries of each aggregate in position order, and the lease
        // moved on from the killed holder.
        await EventuallyAsync(async () => (await store.Outbox.ReadPendingAsync(1)).Count == 0, "the outbox delivered", searchers.Keys);
        var deliveries = await ReadDeliveriesAsync(dataSource);
        var delivered = deliveries.Select(d => d.EventId).ToHashSet();
        changes.Where(c => !delivered.Contains(c.EventId)).Select(c => c.Sequence).ShouldBeEmpty("every event is delivered");
        var firsts = deliveries.DistinctBy(d => d.EventId).ToList();
        foreach (var aggregate in firsts.GroupBy(d => d.AggregateId))
        {
            var positions = aggregate.Select(d => d.Position).ToList();
            positions.ShouldBe(positions.Order().ToList(), $"creator {aggregate.Key}'s events were first delivered in order");
        }

        var afterKill = deliveries.Where(d => d.Number > deliveredBeforeKill).ToList();
        afterKill.ShouldNotBeEmpty();
        afterKill.ShouldAllBe(d => d.Instance != holder.Name, "the killed holder delivers nothing more");
        afterKill.Select(d => d.Instance).ShouldContain(successor.Name, "another instance took the lease");

        foreach (var instance in searchers.Keys)
        {
            await instance.ExitAsync(Answer);
        }

        Trace($"{clock.Elapsed}: {deliveries.Count:N0} deliveries of {changes.Count:N0} events; done");
    }

    private static void Trace(string line) => Console.WriteLine(line);

    private async Task<FleetInstance> StartAsync(string name)
    {
        var instance = await FleetInstance.StartAsync(name, PostgreSqlServer.ConnectionString!, _schema, Answer);
        _started.Add(instance);
        return instance;
    }

    // Kills the writer's process during its writes and starts another in its place, which writes what it had not
    // (from a seed of its own, as its generator's creators would otherwise be saved twice).
    private async Task<FleetInstance> KillAndRestartAsync(Writer writer, List<Writer> writers, Dictionary<FleetInstance, Searcher> searchers)
    {
        var killed = writer.Instance;
        await searchers[killed].StopAsync();
        searchers.Remove(killed);
        await killed.KillAsync();
        var saved = killed.Saved(writer.Seed);
        killed.Failures.ShouldBeEmpty(killed.Tail());

        var restarted = await StartAsync(killed.Name + "-restarted");
        searchers[restarted] = new Searcher(restarted);
        writers[writers.IndexOf(writer)] = writer with { Count = saved };
        var rest = new Writer(restarted, writer.Seed + 100, writer.Count - saved);
        await restarted.WriteAsync(rest.Seed, rest.Count);
        writers.Add(rest);
        return restarted;
    }

    // The one live instance whose dispatcher holds the lease.
    private async Task<FleetInstance> HolderAsync(IEnumerable<FleetInstance> instances)
    {
        FleetInstance? holder = null;
        await EventuallyAsync(
            async () =>
            {
                var holders = new List<FleetInstance>();
                foreach (var instance in instances)
                {
                    if ((await instance.AskAsync("status", Answer)).HoldsLease == true)
                    {
                        holders.Add(instance);
                    }
                }

                holders.Count.ShouldBeLessThanOrEqualTo(1, "one instance holds the lease at a time");
                holder = holders.SingleOrDefault();
                return holder is not null;
            },
            "an instance holds the outbox lease",
            instances);
        return holder!;
    }

    private async Task EventuallyAsync(Func<bool> done, string what, IEnumerable<FleetInstance> instances) =>
        await EventuallyAsync(() => Task.FromResult(done()), what, instances);

    // Waits until done, failing at once on a writer's failure, and after the writes' timeout, with every instance's tail.
    private async Task EventuallyAsync(Func<Task<bool>> done, string what, IEnumerable<FleetInstance> instances)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            var failures = _started.SelectMany(i => i.Failures).ToList();
            failures.ShouldBeEmpty(Tails(instances));
            waited.Elapsed.ShouldBeLessThan(Writes, $"Not within {Writes}: {what}.{Environment.NewLine}{Tails(instances)}");
            await Task.Delay(100);
        }
    }

    private static string Tails(IEnumerable<FleetInstance> instances) => string.Join(Environment.NewLine, instances.Select(i => i.Tail()));

    private static async Task<List<OutboxMessage>> ReadChangesAsync(IMarketplaceStore store)
    {
        var changes = new List<OutboxMessage>();
        while (await store.Changes.ReadAsync(changes.Count == 0 ? 0 : changes[^1].Sequence, BulkRead.MaxPageSize) is { Count: > 0 } page)
        {
            changes.AddRange(page);
        }

        return changes;
    }

    private async Task<long> LastDeliveryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""SELECT coalesce(max(number), 0) FROM "{_schema}".fleet_deliveries;""");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<Delivery>> ReadDeliveriesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""SELECT number, event_id, aggregate_id, position, instance FROM "{_schema}".fleet_deliveries ORDER BY number;""");
        await using var reader = await command.ExecuteReaderAsync();
        var deliveries = new List<Delivery>();
        while (await reader.ReadAsync())
        {
            deliveries.Add(new Delivery(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return deliveries;
    }

    private sealed record Delivery(long Number, Guid EventId, Guid AggregateId, long Position, string Instance);

    // Changes a writer in an instance is to save from a seed; a killed one's count is what it saved.
    private sealed record Writer(FleetInstance Instance, int Seed, int Count)
    {
        public bool Done => Instance.Saved(Seed) >= Count;
    }

    // Searches an instance over and over until stopped; a failed search fails the test when stopped.
    private sealed class Searcher
    {
        private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _searching;

        public Searcher(FleetInstance instance) => _searching = Task.Run(async () =>
        {
            var searches = 0;
            while (!_stop.IsCancellationRequested)
            {
                (await instance.AskAsync("search", Answer)).Answers.ShouldNotBeNull().ShouldNotBeEmpty();
                searches++;

                // A pause, so that searching does not starve the writers of the cores they share.
                await Task.Delay(Pause);
            }

            return searches;
        });

        // Stops searching and returns how many searches were answered.
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            var searches = await _searching;
            _stop.Dispose();
            return searches;
        }
    }
}

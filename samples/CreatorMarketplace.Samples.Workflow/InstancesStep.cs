using System.Diagnostics;
using System.Threading.Channels;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>
/// Step 10: two instances of an application over one PostgreSQL database, as two generic hosts in this process, each
/// with its own connections, its own in-memory catalog following the store and its own outbox dispatcher. A creator
/// saved through one is found by the other's search; one instance holds the outbox lease and delivers, and when it
/// stops the other takes the lease over and delivers the next event. Runs with <c>--postgres</c> only.
/// </summary>
internal static class InstancesStep
{
    public static async Task Run(IClock clock, StorageStep.StoreChoice store, TextWriter output)
    {
        output.WriteLine("Step 10: two instances over one PostgreSQL database");
        if (store.PostgreSqlConnectionString is not { } connectionString)
        {
            output.WriteLine("  Runs with --postgres <connection string>: skipped");
            output.WriteLine();
            return;
        }

        // Both instances hand what they deliver to one channel here, for the step to read; a real publisher would
        // send it to a bus.
        var deliveries = Channel.CreateUnbounded<Delivery>();
        var instances = new Dictionary<string, IHost>(StringComparer.Ordinal);
        try
        {
            foreach (var name in new[] { "A", "B" })
            {
                var host = Instance(name, connectionString, clock, deliveries.Writer);
                await host.StartAsync();
                instances[name] = host;
            }

            foreach (var host in instances.Values)
            {
                await host.Services.GetRequiredService<CatalogFollower>().WaitUntilCaughtUpAsync();
            }

            output.WriteLine($"  Instances A and B started over schema {StorageStep.StoreChoice.Schema}, each with its own catalog following the store and its own dispatcher");

            // A creator saved through A is found by B's search once B's follower has applied the save.
            var creator = new CreatorGenerator(2027, clock).NextNew();
            var events = creator.PendingEvents.Count;
            await Store(instances["A"]).Creators.SaveAsync(creator);
            var followerB = instances["B"].Services.GetRequiredService<CatalogFollower>();
            await followerB.WaitUntilCaughtUpAsync();
            var query = new CreatorQuery { Keyword = creator.Profile.DisplayName, IncludeFacets = false };
            var found = (await instances["B"].Services.GetRequiredService<ICreatorCatalog>().SearchAsync(query)).AsT0.Items.Any(listing => listing.Id == creator.Id);
            output.WriteLine($"  Saved {creator.Profile.DisplayName} through A; B's search finds it: {found} (B's follower at position {followerB.Position}, {followerB.Status.Behind} behind)");

            // One instance holds the outbox lease and delivers the save's events: whichever took the lease first.
            var delivered = new List<Delivery>();
            for (var i = 0; i < events; i++)
            {
                delivered.Add(await NextDeliveryOf(deliveries.Reader, creator.Id.Value));
            }

            var holder = delivered[0].Instance;
            output.WriteLine($"  Instance {holder} holds the outbox lease: the save's {events} events were delivered by {string.Join(" and ", delivered.Select(delivery => delivery.Instance).Distinct())}, {delivered[0].EventType} first");

            // The holder stops, releasing its lease as a host's shutdown does; the other takes the lease at its next
            // try and delivers the next event, saved through it.
            instances.Remove(holder, out var stopping);
            await stopping!.StopAsync();
            stopping.Dispose();
            var (other, left) = instances.Single();
            var stopped = Stopwatch.StartNew();
            creator.SetOnVacation(true, clock);
            await Store(left).Creators.SaveAsync(creator);
            var next = await NextDeliveryOf(deliveries.Reader, creator.Id.Value);
            output.WriteLine($"  Instance {holder} stopped; instance {next.Instance} took the lease over and delivered {next.EventType} {stopped.Elapsed.TotalSeconds:N1} s later");
        }
        finally
        {
            foreach (var host in instances.Values)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }

        output.WriteLine();
    }

    private static IMarketplaceStore Store(IHost host) => host.Services.GetRequiredService<IMarketplaceStore>();

    // The next delivery of one aggregate's event, passing by the others (step 9's, delivered again by no one).
    private static async Task<Delivery> NextDeliveryOf(ChannelReader<Delivery> deliveries, Guid aggregate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var delivery = await deliveries.ReadAsync(timeout.Token);
            if (delivery.Aggregate == aggregate)
            {
                return delivery;
            }
        }
    }

    // One instance: a host as an application builds it, with its own data source over the shared schema.
    private static IHost Instance(string name, string connectionString, IClock clock, ChannelWriter<Delivery> deliveries)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // the step writes what happens itself
        builder.Services
            .AddSingleton(clock)
            .AddSingleton(new InstancePublisher.Sink(name, deliveries))
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddCreatorMarketplace(marketplace => marketplace
                .UsePostgreSql(services => services.GetRequiredService<NpgsqlDataSource>(), options => options.Schema = StorageStep.StoreChoice.Schema)
                .AddOutboxPublisher<InstancePublisher>()
                .AddOutboxDispatcher(options => (options.PollingInterval, options.LeaseRenewalInterval) = (TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1))));
        return builder.Build();
    }

    private sealed record Delivery(string Instance, string EventType, Guid Aggregate);

    // A publisher that names the instance it runs in.
    private sealed class InstancePublisher(InstancePublisher.Sink sink) : IOutboxPublisher
    {
        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            sink.Deliveries.WriteAsync(new Delivery(sink.Instance, message.Event.GetType().Name, message.AggregateId), cancellationToken);

        public sealed record Sink(string Instance, ChannelWriter<Delivery> Deliveries);
    }
}

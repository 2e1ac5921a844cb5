// One instance of a marketplace application over PostgreSQL, as an application runs it: a generic host with
// AddCreatorMarketplace, its catalog following the store and its outbox dispatcher delivering under the lease.
// Arguments: the connection string, the store's schema and the instance's name. Commands on stdin, one a line; each
// answered by one JSON line (InstanceLine) on stdout:
//   write <seed> <count>   starts a writer saving <count> creator changes in the background ("saved" after each save,
//                          "written" at the end)
//   search                 the answers to FleetQueries.All
//   status                 the follower's status and whether this instance holds the outbox lease
//   caught-up              the status, once the follower applied everything the store held when asked
//   exit                   stops the host and exits
using System.Globalization;
using System.Text.Json;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Hosting.Instance;
using CreatorMarketplace.ReadModels;
using CreatorMarketplace.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

var (connectionString, schema, name) = (args[0], args[1], args[2]);
await using var storeData = NpgsqlDataSource.Create(connectionString);

// The deliveries go through a data source of their own, as a message bus would be a connection of its own.
await using var deliveryData = NpgsqlDataSource.Create(connectionString);
var lease = new LeaseWatch();
var output = new Output();

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddProvider(new LeaseWatch.Provider(lease, name));
builder.Services.AddSingleton(new DeliveryRecorder.Table(deliveryData, schema, name));
builder.Services.AddCreatorMarketplace(b => b
    .UsePostgreSql(storeData, o => (o.Schema, o.ChangePollingInterval) = (schema, TimeSpan.FromMilliseconds(500)))
    .AddOutboxPublisher<DeliveryRecorder>()
    .AddOutboxDispatcher(o => (o.LeaseRenewalInterval, o.PollingInterval, o.MinBackoff, o.MaxBackoff) =
        (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2))));
using var host = builder.Build();
await host.StartAsync();
var store = host.Services.GetRequiredService<IMarketplaceStore>();
var catalog = host.Services.GetRequiredService<ICreatorCatalog>();
var follower = host.Services.GetRequiredService<CatalogFollower>();
var writers = new List<Task>();
output.Write(new InstanceLine { Kind = InstanceLine.Ready });

while (await Console.In.ReadLineAsync() is { } command)
{
    var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    try
    {
        switch (words)
        {
            case ["write", var seedText, var countText]:
                var (seed, count) = (int.Parse(seedText, CultureInfo.InvariantCulture), int.Parse(countText, CultureInfo.InvariantCulture));
                writers.Add(Task.Run(() => WriteAsync(seed, count)));
                break;
            case ["search"]:
                output.Write(new InstanceLine { Kind = InstanceLine.Answered, Answers = await FleetQueries.AnswersAsync(catalog) });
                break;
            case ["status"]:
                output.Write(Status());
                break;
            case ["caught-up"]:
                await follower.WaitUntilCaughtUpAsync();
                output.Write(Status());
                break;
            case ["exit"]:
                await Task.WhenAll(writers);
                await host.StopAsync();
                output.Write(new InstanceLine { Kind = InstanceLine.Stopped });
                return 0;
            default:
                output.Write(new InstanceLine { Kind = InstanceLine.Failed, Error = $"unknown command: {command}" });
                break;
        }
    }
    catch (Exception exception)
    {
        output.Write(new InstanceLine { Kind = InstanceLine.Failed, Error = exception.ToString() });
    }
}

return 1;

InstanceLine Status()
{
    var status = follower.Status;
    return new InstanceLine
    {
        Kind = InstanceLine.Status,
        State = status.State.ToString(),
        Position = status.Position,
        Faults = status.Faults,
        CaughtUp = status.IsCaughtUp,
        HoldsLease = lease.Held,
    };
}

async Task WriteAsync(int seed, int count)
{
    try
    {
        await new CreatorWriter(store, seed).WriteAsync(count, saved => output.Write(new InstanceLine { Kind = InstanceLine.Saved, Seed = seed, Count = saved }));
        output.Write(new InstanceLine { Kind = InstanceLine.Written, Seed = seed, Count = count });
    }
    catch (Exception exception)
    {
        output.Write(new InstanceLine { Kind = InstanceLine.Failed, Seed = seed, Error = exception.ToString() });
    }
}

// Whole lines on stdout, one writer at a time.
internal sealed class Output
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly Lock _lock = new();

    public void Write(InstanceLine line)
    {
        var text = JsonSerializer.Serialize(line, Options);
        lock (_lock)
        {
            Console.Out.WriteLine(text);
            Console.Out.Flush();
        }
    }
}

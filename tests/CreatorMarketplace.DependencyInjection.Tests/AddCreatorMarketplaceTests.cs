using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace CreatorMarketplace.DependencyInjection.Tests;

public sealed class AddCreatorMarketplaceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_in_memory_store_and_everything_taken_from_it_are_registered_as_singletons()
    {
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory()).BuildServiceProvider(validateScopes: true);

        var store = provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<InMemoryMarketplaceStore>();
        provider.GetRequiredService<IMarketplaceStore>().ShouldBeSameAs(store);
        provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>().ShouldBeSameAs(store.Shortlists);
        provider.GetRequiredService<IRepository<Contracts.Contract, ContractId>>().ShouldBeSameAs(store.Contracts);
        provider.GetRequiredService<IOutbox>().ShouldBeSameAs(store.Outbox);
        provider.GetRequiredService<IChangeFeed>().ShouldBeSameAs(store.Changes);
        provider.GetRequiredService<IOutboxLease>().ShouldBeSameAs(store.OutboxLease);
        provider.GetRequiredService<ILedgerStore>().ShouldBeSameAs(store.Ledger);
        provider.GetRequiredService<IPostMetricsStore>().ShouldBeSameAs(store.PostMetrics);
        provider.GetRequiredService<ICreatorCatalog>().ShouldBeOfType<InMemoryCreatorCatalog>();
        provider.GetRequiredService<FeePolicy>().ShouldBe(FeePolicy.None);
        provider.GetRequiredService<RefundPolicy>().ShouldBeSameAs(RefundPolicy.Default);
        provider.GetRequiredService<CollaborationPolicy>().ShouldBe(CollaborationPolicy.Default);
        provider.GetRequiredService<MarketplacePolicy>().ShouldBe(MarketplacePolicy.TikTokCreatorMarketplace);
        provider.GetRequiredService<IClock>().ShouldBeOfType<TimeProviderClock>().TimeProvider.ShouldBeSameAs(TimeProvider.System);
    }

    [Fact]
    public async Task The_registered_time_provider_is_the_clock_commands_and_the_dispatcher_read()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z"));
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(time)
            .AddCreatorMarketplace(b => b.UseInMemory().AddOutboxPublisher<RecordingPublisher>())
            .BuildServiceProvider();
        var clock = provider.GetRequiredService<IClock>();
        var shortlists = provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>();

        (await shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "At nine", clock))).IsSaved.ShouldBeTrue();
        time.Advance(TimeSpan.FromHours(2));
        (await shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(clock), EntityId.New<BrandId>(clock), "At eleven", clock))).IsSaved.ShouldBeTrue();
        await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        clock.GetCurrentInstant().ShouldBe(Instant.FromUtc(2026, 12, 4, 11, 0));
        provider.GetRequiredService<IOutboxPublisher>().ShouldBeOfType<RecordingPublisher>().Delivered.Select(message => message.Event.OccurredAt)
            .ShouldBe([Instant.FromUtc(2026, 12, 4, 9, 0), Instant.FromUtc(2026, 12, 4, 11, 0)]);
    }

    [Fact]
    public void Every_member_of_the_store_is_registered_as_the_stores_own()
    {
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory()).BuildServiceProvider(validateScopes: true);
        var store = provider.GetRequiredService<IMarketplaceStore>();

        var members = typeof(IMarketplaceStore).GetProperties();
        members.Length.ShouldBe(13);
        foreach (var member in members)
        {
            provider.GetRequiredService(member.PropertyType).ShouldBeSameAs(member.GetValue(store), member.Name);
        }
    }

    [Fact]
    public void Registrations_the_application_made_win_and_later_choices_replace_earlier_ones()
    {
        var fees = new FeePolicy(0.1m, null, MidpointRounding.AwayFromZero);
        var services = new ServiceCollection().AddSingleton<IClock>(_clock);

        services.AddCreatorMarketplace(b => b.UseSqlite(Path.Combine(_folder, "first.db")));
        services.AddCreatorMarketplace(b => b.UseInMemory().UseFeePolicy(fees));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IClock>().ShouldBeSameAs(_clock);
        provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<InMemoryMarketplaceStore>();
        provider.GetRequiredService<FeePolicy>().ShouldBe(fees);
    }

    [Fact]
    public void Calling_it_again_registers_nothing_twice()
    {
        var once = new ServiceCollection().AddCreatorMarketplace(b => b.UseSqlite(Path.Combine(_folder, "a.db")));
        var twice = new ServiceCollection()
            .AddCreatorMarketplace(b => b.UseSqlite(Path.Combine(_folder, "a.db")))
            .AddCreatorMarketplace(b => b.UseSqlite(Path.Combine(_folder, "a.db")));

        Shape(twice).ShouldBe(Shape(once));
        twice.Count(d => d.ServiceType == typeof(IMarketplaceStore)).ShouldBe(1);
        twice.Count(d => d.ServiceType == typeof(IValidateOptions<SqliteStoreOptions>)).ShouldBe(1);

        static string[] Shape(IServiceCollection services) =>
            services.Where(d => d.ServiceType != typeof(IConfigureOptions<SqliteStoreOptions>))
                .Select(d => d.ServiceType.FullName!).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Without_a_store_the_host_fails_at_start_saying_how_to_choose_one()
    {
        using var provider = new ServiceCollection().AddCreatorMarketplace(_ => { }).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("no store is chosen; call UseInMemory(), UseSqlite(...) or UsePostgreSql(...)");
        Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>()).Message.ShouldContain("no store is chosen");
    }

    [Fact]
    public void Bad_store_options_fail_at_start_naming_the_option_and_the_rule()
    {
        using var sqlite = new ServiceCollection().AddCreatorMarketplace(b => b.UseSqlite(o => o.BusyTimeout = TimeSpan.Zero)).BuildServiceProvider();
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=nobody");
        using var postgres = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(dataSource, o => o.Schema = "Bad-Name")).BuildServiceProvider();

        var sqliteError = Should.Throw<OptionsValidationException>(() => sqlite.GetRequiredService<IStartupValidator>().Validate());
        var postgresError = Should.Throw<OptionsValidationException>(() => postgres.GetRequiredService<IStartupValidator>().Validate());

        sqliteError.Failures.ShouldBe([
            "SqliteStoreOptions.path: the store needs the path of its database file. (sqlite.path_missing)",
            "SqliteStoreOptions.busyTimeout: the busy timeout is more than zero and at most an hour. (sqlite.busy_timeout_out_of_range)",
        ]);
        postgresError.Failures.ShouldHaveSingleItem().ShouldStartWith("PostgreSqlStoreOptions.schema:");
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddCreatorMarketplace(b => b.UseSqlite(" ")));
    }

    [Fact]
    public void A_change_polling_interval_out_of_range_fails_at_start_naming_the_option_and_the_rule()
    {
        using var sqlite = new ServiceCollection().AddCreatorMarketplace(b => b.UseSqlite(o => (o.Path, o.ChangePollingInterval) = ("marketplace.db", TimeSpan.Zero))).BuildServiceProvider();
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=nobody");
        using var postgres = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(dataSource, o => o.ChangePollingInterval = TimeSpan.FromHours(2))).BuildServiceProvider();

        var sqliteError = Should.Throw<OptionsValidationException>(() => sqlite.GetRequiredService<IStartupValidator>().Validate());
        var postgresError = Should.Throw<OptionsValidationException>(() => postgres.GetRequiredService<IStartupValidator>().Validate());

        sqliteError.Failures.ShouldBe([
            "SqliteStoreOptions.changePollingInterval: the change feed's polling interval is at least a millisecond and at most an hour. (sqlite.change_polling_interval_out_of_range)",
        ]);
        postgresError.Failures.ShouldBe([
            "PostgreSqlStoreOptions.changePollingInterval: the change feed's polling interval is at least a millisecond and at most an hour. (postgresql.change_polling_interval_out_of_range)",
        ]);
    }

    [Theory]
    [InlineData("in memory")]
    [InlineData("sqlite")]
    public async Task The_change_feed_times_its_waits_by_the_registered_time_provider(string store)
    {
        var time = new ExpiringTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time).AddCreatorMarketplace(b => _ = store == "sqlite" ? b.UseSqlite(Path.Combine(_folder, "waits.db")) : b.UseInMemory());
        await using var provider = services.BuildServiceProvider();

        // The registered time lets every timer expire at once, so an hour's wait times out now.
        (await provider.GetRequiredService<IChangeFeed>().WaitAsync(0, TimeSpan.FromHours(1))).ShouldBeFalse();
        time.Timers.ShouldBeGreaterThan(0);
    }

    // Every timer it makes fires at once.
    private sealed class ExpiringTimeProvider : TimeProvider
    {
        private int _timers;

        public int Timers => _timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
        }
    }

    [Fact]
    public async Task The_sqlite_store_is_made_from_validated_options_and_disposed_with_the_container()
    {
        var path = Path.Combine(_folder, "marketplace.db");
        var services = new ServiceCollection().AddSingleton<IClock>(_clock).AddCreatorMarketplace(b => b.UseSqlite(path));
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<SqliteMarketplaceStore>().Path.ShouldBe(Path.GetFullPath(path));
            var shortlists = provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>();
            (await shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Via DI", _clock))).IsSaved.ShouldBeTrue();
        }

        File.Exists(path).ShouldBeTrue();
        Should.NotThrow(() => File.Delete(path), "the container disposed the store, which let go of the file");
    }

    [Fact]
    public void The_postgresql_store_uses_the_data_source_given()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=nobody");
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(dataSource, o => o.Schema = "tenant_a")).BuildServiceProvider();

        var store = provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<PostgreSqlMarketplaceStore>();

        store.DataSource.ShouldBeSameAs(dataSource);
        store.Schema.ShouldBe("tenant_a");
    }

    [Fact]
    public void The_postgresql_catalog_replaces_the_in_memory_one_and_shares_the_store_options()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Username=nobody");
        var services = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(dataSource, o => o.Schema = "tenant_b").UsePostgreSqlCatalog(dataSource));
        services.AddCreatorMarketplace(b => b.UseFeePolicy(FeePolicy.None));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ICreatorCatalog>().ShouldBeOfType<PostgreSqlCreatorCatalog>();
        provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.Schema.ShouldBe("tenant_b");
        services.Count(d => d.ServiceType == typeof(ICreatorCatalog)).ShouldBe(1);
    }

    [Fact]
    public async Task The_dispatcher_needs_a_publisher_and_delivers_what_saves_wrote()
    {
        using var without = new ServiceCollection().AddCreatorMarketplace(b => b.UseInMemory()).BuildServiceProvider();
        Should.Throw<InvalidOperationException>(() => without.GetRequiredService<OutboxDispatcher>()).Message.ShouldContain("AddOutboxPublisher");

        using var provider = new ServiceCollection().AddSingleton<IClock>(_clock)
            .AddCreatorMarketplace(b => b.UseInMemory().AddOutboxPublisher<RecordingPublisher>())
            .BuildServiceProvider();
        await provider.GetRequiredService<IRepository<Shortlist, ShortlistId>>()
            .SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), "Dispatched", _clock));

        var report = await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();

        report.ShouldBe(new DispatchReport(1, 0, null));
        ((ShortlistCreated)provider.GetRequiredService<IOutboxPublisher>().ShouldBeOfType<RecordingPublisher>().Delivered.ShouldHaveSingleItem().Event).Name.ShouldBe("Dispatched");
    }

    private sealed class RecordingPublisher : IOutboxPublisher
    {
        public List<OutboxMessage> Delivered { get; } = [];

        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Delivered.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}

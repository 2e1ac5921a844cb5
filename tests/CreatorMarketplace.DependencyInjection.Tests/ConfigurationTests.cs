using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.PostgreSql;
using CreatorMarketplace.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreatorMarketplace.DependencyInjection.Tests;

// Every options class the package and the stores register binds from a configuration section, checked at start as the
// delegate overloads are, each problem and each unknown key named by its configuration path.
public sealed class ConfigurationTests : IDisposable
{
    private const string Password = "hunter2-not-to-be-shown";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_sqlite_store_and_the_dispatcher_take_their_options_from_configuration()
    {
        var configuration = Configuration(new()
        {
            ["Marketplace:Sqlite:Path"] = Path.Combine(_folder, "configured.db"),
            ["Marketplace:Sqlite:BusyTimeout"] = "00:00:05",
            ["Marketplace:Sqlite:ChangePollingInterval"] = "00:00:00.250",
            ["Marketplace:OutboxDispatcher:MaxAttempts"] = "8",
            ["Marketplace:OutboxDispatcher:PollingInterval"] = "00:00:02",
        });
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => b
            .UseSqlite(configuration.GetSection("Marketplace:Sqlite"))
            .AddOutboxDispatcher(configuration.GetSection("Marketplace:OutboxDispatcher"))).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var sqlite = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        var dispatcher = provider.GetRequiredService<IOptions<OutboxDispatcherOptions>>().Value;

        (sqlite.Path, sqlite.BusyTimeout, sqlite.ChangePollingInterval).ShouldBe((Path.Combine(_folder, "configured.db"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250)));
        (dispatcher.MaxAttempts, dispatcher.PollingInterval, dispatcher.BatchSize).ShouldBe((8, TimeSpan.FromSeconds(2), 100));
        provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<SqliteMarketplaceStore>().Path.ShouldBe(Path.GetFullPath(Path.Combine(_folder, "configured.db")));
    }

    [Fact]
    public void Bad_configured_options_fail_at_start_naming_each_key_by_its_path_and_the_rule()
    {
        var configuration = Configuration(new()
        {
            ["Marketplace:Sqlite:BusyTimeout"] = "00:00:00",
            ["Marketplace:OutboxDispatcher:BatchSize"] = "0",
            ["Marketplace:OutboxDispatcher:MinBackoff"] = "00:10:00",
        });
        using var sqlite = new ServiceCollection().AddCreatorMarketplace(b => b.UseSqlite(configuration.GetSection("Marketplace:Sqlite"))).BuildServiceProvider();
        using var dispatcher = new ServiceCollection()
            .AddCreatorMarketplace(b => b.UseInMemory().AddOutboxDispatcher(configuration.GetSection("Marketplace:OutboxDispatcher"))).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => sqlite.GetRequiredService<IStartupValidator>().Validate()).Failures.ShouldBe([
            "Marketplace:Sqlite:Path: the store needs the path of its database file. (sqlite.path_missing)",
            "Marketplace:Sqlite:BusyTimeout: the busy timeout is more than zero and at most an hour. (sqlite.busy_timeout_out_of_range)",
        ]);
        Should.Throw<OptionsValidationException>(() => dispatcher.GetRequiredService<IStartupValidator>().Validate()).Failures.ShouldBe([
            "Marketplace:OutboxDispatcher:BatchSize: a pass reads from 1 to 10,000 events at a time. (outbox_dispatcher.batch_size_out_of_range)",
            "Marketplace:OutboxDispatcher:MinBackoff: the shortest back-off is more than zero and at most the longest. (outbox_dispatcher.min_backoff_out_of_range)",
        ]);
    }

    [Theory]
    [InlineData("sqlite", "Marketplace:Sqlite", "BusyTimout")]
    [InlineData("dispatcher", "Marketplace:OutboxDispatcher", "MaxAttempt")]
    [InlineData("postgresql", "Marketplace:PostgreSql", "Shema")]
    public void A_key_the_options_do_not_have_fails_at_start_naming_it(string options, string section, string key)
    {
        var configuration = Configuration(new()
        {
            ["Marketplace:Sqlite:Path"] = Path.Combine(_folder, "unknown.db"),
            ["Marketplace:PostgreSql:ConnectionString"] = $"Host=127.0.0.1;Username=nobody;Password={Password}",
            [$"{section}:{key}"] = "1",
        });
        using var provider = new ServiceCollection().AddCreatorMarketplace(b => _ = options switch
        {
            "sqlite" => b.UseSqlite(configuration.GetSection(section)),
            "postgresql" => b.UsePostgreSql(configuration.GetSection(section)),
            _ => b.UseInMemory().AddOutboxDispatcher(configuration.GetSection(section)),
        }).BuildServiceProvider();

        var error = Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain($"'{key}'");
        error.Message.ShouldNotContain(Password);
    }

    [Fact]
    public async Task The_postgresql_store_and_catalog_make_one_data_source_from_the_configured_connection_string_and_dispose_it()
    {
        var configuration = Configuration(new()
        {
            ["PostgreSql:ConnectionString"] = $"Host=127.0.0.1;Username=nobody;Password={Password}",
            ["PostgreSql:Schema"] = "tenant_c",
        });
        var section = configuration.GetSection("PostgreSql");
        PostgreSqlMarketplaceStore store;
        await using (var provider = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(section).UsePostgreSqlCatalog(section)).BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            store = provider.GetRequiredService<IMarketplaceStore>().ShouldBeOfType<PostgreSqlMarketplaceStore>();

            store.Schema.ShouldBe("tenant_c");
            store.DataSource.ConnectionString.ShouldStartWith("Host=127.0.0.1;Username=nobody");
            provider.GetRequiredService<ICreatorCatalog>().ShouldBeOfType<PostgreSqlCreatorCatalog>().DataSource.ShouldBeSameAs(store.DataSource);
        }

        await Should.ThrowAsync<ObjectDisposedException>(async () => await store.DataSource.OpenConnectionAsync());
    }

    [Fact]
    public void A_missing_or_unreadable_connection_string_fails_at_start_without_showing_it()
    {
        var missing = Configuration(new() { ["PostgreSql:Schema"] = "tenant_d" });
        var unreadable = Configuration(new() { ["PostgreSql:ConnectionString"] = $"Host=127.0.0.1;Password={Password};Colour=blue" });
        using var withoutOne = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(missing.GetSection("PostgreSql"))).BuildServiceProvider();
        using var withBadOne = new ServiceCollection().AddCreatorMarketplace(b => b.UsePostgreSql(unreadable.GetSection("PostgreSql"))).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => withoutOne.GetRequiredService<IStartupValidator>().Validate()).Failures.ShouldBe([
            "PostgreSql:ConnectionString: the store needs the server's connection string. (postgresql.connection_string_missing)",
        ]);
        var error = Should.Throw<OptionsValidationException>(() => withBadOne.GetRequiredService<IStartupValidator>().Validate());
        error.Failures.ShouldHaveSingleItem().ShouldStartWith("PostgreSql:ConnectionString: the connection string cannot be read");
        error.Message.ShouldNotContain(Password);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

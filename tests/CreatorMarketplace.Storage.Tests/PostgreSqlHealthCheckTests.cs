using System.Diagnostics;
using CreatorMarketplace.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

// The health checks against a real PostgreSQL server that the test starts itself (with .ci/postgres, in a folder of its
// own) and then stops, as a server goes down under a running application.
public sealed class PostgreSqlHealthCheckTests
{
    [SkippableFact]
    public async Task The_store_check_is_healthy_while_the_server_runs_and_unhealthy_once_it_is_stopped()
    {
        _ = PostgreSqlServer.DataSource(); // skipped, or failed under CI, as every PostgreSQL test is without a server
        var folder = Path.Combine(Path.GetTempPath(), "creator-marketplace-health-" + Guid.NewGuid().ToString("N"));
        var connectionString = (await PostgresScriptAsync(folder)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var provider = new ServiceCollection()
                .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
                .AddCreatorMarketplace(b => b.UsePostgreSql(dataSource, o => o.Schema = PostgreSqlServer.NewSchema()).FollowStoreWithCatalog(false))
                .AddHealthChecks().AddCreatorMarketplaceChecks()
                .Services.BuildServiceProvider();
            var checks = provider.GetRequiredService<HealthCheckService>();

            var running = await checks.CheckHealthAsync(check => check.Name != CreatorMarketplaceHealthChecksBuilderExtensions.FollowerCheck);
            await PostgresScriptAsync("stop", folder);
            var stopped = await checks.CheckHealthAsync(check => check.Name == CreatorMarketplaceHealthChecksBuilderExtensions.StoreCheck);

            running.Status.ShouldBe(HealthStatus.Healthy, string.Join("; ", running.Entries.Select(entry => $"{entry.Key}: {entry.Value.Description}")));
            stopped.Status.ShouldBe(HealthStatus.Unhealthy);
            stopped.Entries[CreatorMarketplaceHealthChecksBuilderExtensions.StoreCheck].Description.ShouldStartWith("The store cannot be reached (Npgsql.");
        }
        finally
        {
            await PostgresScriptAsync("stop", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    // Runs the repository's .ci/postgres with the arguments given and returns what it printed.
    private static async Task<string> PostgresScriptAsync(params string[] arguments)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, ".ci", "postgres")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository's .ci/postgres was not found above the tests.");
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(root.FullName, ".ci", "postgres"), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CREATOR_MARKETPLACE_POSTGRES_PORT"] = "56432";
        using var script = Process.Start(start).ShouldNotBeNull();
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        script.ExitCode.ShouldBe(0, await errors);
        return await output;
    }
}

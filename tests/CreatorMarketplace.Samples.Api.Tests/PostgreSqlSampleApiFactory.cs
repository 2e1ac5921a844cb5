using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CreatorMarketplace.Samples.Api.Tests;

/// <summary>
/// The sample configured for PostgreSQL, in a schema of its own dropped afterwards, on the server named by
/// CREATOR_MARKETPLACE_POSTGRES (`.ci/run` starts one); without it the tests using this are skipped, except under CI.
/// </summary>
public sealed class PostgreSqlSampleApiFactory : SampleApiFactory
{
    public const string Variable = "CREATOR_MARKETPLACE_POSTGRES";

    private readonly string _schema = "sample_" + Guid.NewGuid().ToString("N");

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips a test when no server is configured, unless under CI, where that is a failure.</summary>
    public static void RequireServer()
    {
        if (ConnectionString is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Variable} is not set: under CI the PostgreSQL tests must run against a server.");
        }

        Skip.If(ConnectionString is null, $"No PostgreSQL server: set {Variable} to a connection string (.ci/postgres starts one).");
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Marketplace:Store", "postgresql");
        builder.UseSetting("ConnectionStrings:Marketplace", ConnectionString);
        builder.UseSetting("Marketplace:PostgreSqlSchema", _schema);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString is { } connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");
            await command.ExecuteNonQueryAsync();
        }
    }
}

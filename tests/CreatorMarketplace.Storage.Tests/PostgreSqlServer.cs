using Npgsql;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in CREATOR_MARKETPLACE_POSTGRES, which `.ci/run`
/// sets after starting one. Without it the PostgreSQL tests are skipped, except under CI (CI=true), where a
/// missing server fails them: CI must never pass with the PostgreSQL store untested.
/// </summary>
internal static class PostgreSqlServer
{
    public const string Variable = "CREATOR_MARKETPLACE_POSTGRES";

    private static readonly Lazy<NpgsqlDataSource?> Shared = new(() => ConnectionString is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null);

    /// <summary>
    /// A role as an application should connect with: not a superuser, without BYPASSRLS, so that PostgreSQL's
    /// row-level security binds it. It may create schemas, and so owns the tables of the stores it opens.
    /// </summary>
    public const string Tenant = "creator_marketplace_tenant";

    private static readonly Lazy<string?> TenantConnection = new(CreateTenant);

    private static readonly Lazy<NpgsqlDataSource?> SharedTenant = new(() => TenantConnection.Value is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null);

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString ? connectionString : null;

    /// <summary>The shared data source, or a skip (a failure under CI) when no server is configured.</summary>
    public static NpgsqlDataSource DataSource()
    {
        if (Shared.Value is { } dataSource)
        {
            return dataSource;
        }

        var underCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (underCi)
        {
            throw new InvalidOperationException($"{Variable} is not set: under CI the PostgreSQL tests must run against a server (.ci/run starts one).");
        }

        Skip.If(true, $"No PostgreSQL server: set {Variable} to a connection string (.ci/postgres starts one).");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The connection string of <see cref="Tenant"/>, or null when no server is configured.</summary>
    public static string? TenantConnectionString => TenantConnection.Value;

    /// <summary>The shared data source of <see cref="Tenant"/>, or a skip (a failure under CI) when no server is configured.</summary>
    public static NpgsqlDataSource TenantDataSource()
    {
        DataSource();
        return SharedTenant.Value!;
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "test_" + Guid.NewGuid().ToString("N");

    // The role, made once by the configured (superuser) connection; a role another test run made is kept.
    private static string? CreateTenant()
    {
        if (Shared.Value is not { } dataSource)
        {
            return null;
        }

        using var command = dataSource.CreateCommand($"""
            DO $$
            BEGIN
                CREATE ROLE {Tenant} LOGIN NOSUPERUSER NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END
            $$;
            DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO {Tenant}', current_database()); END $$;
            """);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = Tenant, Password = null }.ConnectionString;
    }

    /// <summary>Drops schemas a test created.</summary>
    public static async Task DropAsync(IEnumerable<string> schemas)
    {
        if (Shared.Value is not { } dataSource)
        {
            return;
        }

        foreach (var schema in schemas)
        {
            await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
            await command.ExecuteNonQueryAsync();
        }
    }
}

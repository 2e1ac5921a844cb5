using System.Text.RegularExpressions;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage.Relational;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlMarketplaceStore"/> keeps its tables, and in which stored forms.</summary>
public sealed partial class PostgreSqlStoreOptions
{
    /// <summary>The schema that holds the store's tables, created when missing; <c>creator_marketplace</c> unless set.</summary>
    public string Schema { get; set; } = "creator_marketplace";

    /// <summary>
    /// How often a wait of the change feed (<see cref="IChangeFeed.WaitAsync"/>) looks for changes when no
    /// notification came: saves notify waiting followers on commit (<c>LISTEN</c>/<c>NOTIFY</c>), and polling finds
    /// what a notification missed, across a reconnection say. 5 seconds unless set, from 1 millisecond to an hour.
    /// </summary>
    public TimeSpan ChangePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The aggregates' stored forms; <see cref="StoredFormats.Current"/> unless set.</summary>
    public StoredFormats Formats { get; set; } = StoredFormats.Current;

    /// <summary>
    /// The server's connection string, from which the overloads that take a configuration section make the data
    /// source (the container disposes it); null unless set, and not read when the application gives a data source.
    /// It may hold a password, so no message ever shows it.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is missing or malformed.</exception>
    public void Validate() => Validate(connectionStringRequired: false);

    // The overloads that make the data source need the connection string; the others need none.
    internal void Validate(bool connectionStringRequired)
    {
        var errors = new ErrorCollector();
        errors.Require(
            !connectionStringRequired || !string.IsNullOrWhiteSpace(ConnectionString),
            "connectionString",
            "postgresql.connection_string_missing",
            "the store needs the server's connection string.");
        errors.Require(
            string.IsNullOrWhiteSpace(ConnectionString) || IsReadable(ConnectionString),
            "connectionString",
            "postgresql.connection_string_invalid",
            "the connection string cannot be read as keyword=value pairs that Npgsql knows (it is not shown: it may hold a password).");
        errors.Require(
            Schema is not null && SchemaName().IsMatch(Schema),
            "schema",
            "postgresql.schema_invalid",
            "a schema name is 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore.");
        RelationalStoreOptions.RequireChangePollingInterval(errors, ChangePollingInterval, "postgresql");
        errors.Require(Formats is not null, "formats", "postgresql.formats_missing", "the store needs the stored formats.");
        errors.ThrowIfAny("options");
    }

    private static bool IsReadable(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}

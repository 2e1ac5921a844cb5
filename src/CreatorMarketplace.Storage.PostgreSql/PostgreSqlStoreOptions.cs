using System.Text.RegularExpressions;
using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage.Relational;

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

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is missing or malformed.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(
            Schema is not null && SchemaName().IsMatch(Schema),
            "schema",
            "postgresql.schema_invalid",
            "a schema name is 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore.");
        RelationalStoreOptions.RequireChangePollingInterval(errors, ChangePollingInterval, "postgresql");
        errors.Require(Formats is not null, "formats", "postgresql.formats_missing", "the store needs the stored formats.");
        errors.ThrowIfAny("options");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}

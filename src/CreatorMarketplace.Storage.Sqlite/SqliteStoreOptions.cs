using CreatorMarketplace.Serialization;
using CreatorMarketplace.Storage.Relational;

namespace CreatorMarketplace.Storage.Sqlite;

/// <summary>How a <see cref="SqliteMarketplaceStore"/> opens its file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created, with its folder, when missing. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// How long a command waits for another connection's write lock before failing; 30 seconds unless set. Writers
    /// take turns: SQLite lets one write at a time, and WAL lets readers read meanwhile.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a wait of the change feed (<see cref="IChangeFeed.WaitAsync"/>) looks for changes saved through
    /// another store instance or process; 1 second unless set, from 1 millisecond to an hour. Saves through the same
    /// instance wake a wait at once.
    /// </summary>
    public TimeSpan ChangePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The aggregates' stored forms; <see cref="StoredFormats.Current"/> unless set.</summary>
    public StoredFormats Formats { get; set; } = StoredFormats.Current;

    /// <summary>Checks the options, naming every problem.</summary>
    /// <exception cref="DomainValidationException">An option is missing or out of range.</exception>
    public void Validate()
    {
        var errors = new ErrorCollector();
        errors.Require(!string.IsNullOrWhiteSpace(Path), "path", "sqlite.path_missing", "the store needs the path of its database file.");
        errors.Require(BusyTimeout > TimeSpan.Zero && BusyTimeout <= TimeSpan.FromHours(1), "busyTimeout", "sqlite.busy_timeout_out_of_range", "the busy timeout is more than zero and at most an hour.");
        RelationalStoreOptions.RequireChangePollingInterval(errors, ChangePollingInterval, "sqlite");
        errors.Require(Formats is not null, "formats", "sqlite.formats_missing", "the store needs the stored formats.");
        errors.ThrowIfAny("options");
    }
}

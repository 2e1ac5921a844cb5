using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// How a bulk load writes its batches, all in the load's one transaction (PostgreSqlCreatorCatalog.LoadAsync): merged
// into the catalog's tables as upserts would be, or, when the catalog is empty, copied into new tables that replace
// them at the end. Batches are written one at a time, in order; ordinals count the listings from the load's start.
internal abstract class CatalogLoad(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    // The temporary table a batch is copied into before it is merged.
    protected const string LoadTable = "pg_temp.creator_catalog_load";

    private bool _loadTableMade;

    protected NpgsqlConnection Connection { get; } = connection;

    protected NpgsqlTransaction Transaction { get; } = transaction;

    // How many creators the load added or updated.
    public abstract int Written { get; }

    public abstract Task WriteAsync(CatalogRow[] rows, int firstOrdinal, CancellationToken cancellationToken);

    // What is left once every batch is written; the load's transaction commits after it.
    public abstract Task FinishAsync(CancellationToken cancellationToken);

    protected async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // A load's statements take as long as the catalog's size asks (its indexes over a million creators take minutes on
    // a busy server), so none has the data source's timeout: the caller bounds the load with its token.
    private NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction) { CommandTimeout = 0 };

    // Copies rows into the load table, each with its ordinal in the load, after the rows copied before unless those
    // are to go.
    protected async Task CopyToLoadTableAsync(IReadOnlyList<(CatalogRow Row, int Ordinal)> rows, bool keepEarlierRows, CancellationToken cancellationToken)
    {
        if (!_loadTableMade)
        {
            await ExecuteAsync(rows[0].Row.LoadTableSql(LoadTable), cancellationToken).ConfigureAwait(false);
            _loadTableMade = true;
        }
        else if (!keepEarlierRows)
        {
            await ExecuteAsync($"TRUNCATE {LoadTable};", cancellationToken).ConfigureAwait(false);
        }

        await using var importer = await Connection.BeginBinaryImportAsync(rows[0].Row.CopySql(LoadTable), cancellationToken).ConfigureAwait(false);
        foreach (var (row, ordinal) in rows)
        {
            await row.WriteToAsync(importer, ordinal, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    // Merges the load table into the catalog's tables; the ids written.
    protected async Task<List<Guid>> MergeAsync(string merge, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await using var command = Command(merge);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}

// Each batch copied into the load table and merged as upserting each of its listings would be.
internal sealed class MergingCatalogLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgreSqlDatabase database)
    : CatalogLoad(connection, transaction)
{
    private readonly string _merge = CatalogRow.MergeSql(database, LoadTable);
    private readonly HashSet<Guid> _written = [];

    public override int Written => _written.Count;

    public override async Task WriteAsync(CatalogRow[] rows, int firstOrdinal, CancellationToken cancellationToken)
    {
        await CopyToLoadTableAsync(rows.Select((row, i) => (row, firstOrdinal + i)).ToList(), keepEarlierRows: false, cancellationToken).ConfigureAwait(false);
        _written.UnionWith(await MergeAsync(_merge, cancellationToken).ConfigureAwait(false));
    }

    // The statistics follow the rows the load wrote; dead rows and the visibility map are left to autovacuum, which a
    // transaction cannot run.
    public override Task FinishAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(CatalogTables.AnalyzeSql(database), cancellationToken);
}

// A load into an empty catalog: new tables of the same definition, without indexes, take each creator's first listing
// by COPY; the indexes and keys are built once at the end, and the new tables take the old ones' names. Building an
// index from sorted rows costs far less than keeping the four tables' 25 indexes up to date row by row. A creator
// listed again later in the stream is copied into the load table instead and merged after the swap, as a later upsert
// would be: newest version wins, the first of equal ones stays.
internal sealed class FreshCatalogLoad : CatalogLoad
{
    private readonly PostgreSqlDatabase _database;
    private readonly HashSet<Guid> _firsts = [];
    private bool _repeated;

    private FreshCatalogLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgreSqlDatabase database)
        : base(connection, transaction)
    {
        _database = database;
    }

    public override int Written => _firsts.Count;

    public static async Task<FreshCatalogLoad> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgreSqlDatabase database, CancellationToken cancellationToken)
    {
        var load = new FreshCatalogLoad(connection, transaction, database);
        await load.ExecuteAsync(CatalogTables.CreateLoadingSql(database), cancellationToken).ConfigureAwait(false);
        return load;
    }

    public override async Task WriteAsync(CatalogRow[] rows, int firstOrdinal, CancellationToken cancellationToken)
    {
        var firsts = new List<CatalogRow>(rows.Length);
        var repeats = new List<(CatalogRow Row, int Ordinal)>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (_firsts.Add(rows[i].Id))
            {
                firsts.Add(rows[i]);
            }
            else
            {
                repeats.Add((rows[i], firstOrdinal + i));
            }
        }

        await CopyAsync(CatalogRow.CopyListingsSql(CatalogTables.Loading(_database, CatalogTables.Listings)), firsts, static (row, importer, cancel) => row.WriteListingAsync(importer, cancel), cancellationToken).ConfigureAwait(false);
        await CopyAsync(CatalogRow.CopyAccountsSql(CatalogTables.Loading(_database, CatalogTables.Accounts)), firsts, static (row, importer, cancel) => row.WriteAccountsAsync(importer, cancel), cancellationToken).ConfigureAwait(false);
        await CopyAsync(CatalogRow.CopyAudienceSql(CatalogTables.Loading(_database, CatalogTables.Audience)), firsts, static (row, importer, cancel) => row.WriteAudienceAsync(importer, cancel), cancellationToken).ConfigureAwait(false);
        await CopyAsync(CatalogRow.CopyLabelsSql(CatalogTables.Loading(_database, CatalogTables.Labels)), firsts, static (row, importer, cancel) => row.WriteLabelsAsync(importer, cancel), cancellationToken).ConfigureAwait(false);
        if (repeats.Count > 0)
        {
            // Kept together in the load table across batches and merged at once at the end, the newest winning.
            await CopyToLoadTableAsync(repeats, keepEarlierRows: true, cancellationToken).ConfigureAwait(false);
            _repeated = true;
        }
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(CatalogTables.IndexLoadingSql(_database), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(CatalogTables.SwapSql(_database), cancellationToken).ConfigureAwait(false);
        if (_repeated)
        {
            await MergeAsync(CatalogRow.MergeSql(_database, LoadTable), cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(CatalogTables.AnalyzeSql(_database), cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyAsync(string copy, List<CatalogRow> rows, Func<CatalogRow, NpgsqlBinaryImporter, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using var importer = await Connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await write(row, importer, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}

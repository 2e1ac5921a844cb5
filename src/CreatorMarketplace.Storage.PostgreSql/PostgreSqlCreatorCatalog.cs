using System.Data;
using System.Runtime.ExceptionServices;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.ReadModels;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

/// <summary>
/// The creator catalog in PostgreSQL, for catalogs too large for memory: each listing as a JSON document beside
/// indexed columns for every filter and sort, in tables of the store's schema, over an
/// <see cref="NpgsqlDataSource"/> the application owns.
/// </summary>
/// <remarks>
/// <para>
/// A search returns exactly what <see cref="CreatorQuery.Matches"/> and
/// <see cref="CreatorQuery.Compare(CreatorListing, CreatorListing)"/> define, as <c>ReferenceCreatorCatalog</c> does.
/// Every term of the query (<see cref="CreatorQuery.PushDown"/>) but eligibility, the keyword rank and every sort but
/// a custom score run in SQL: then SQL returns the page, the total and the facets. A query with an
/// <see cref="CreatorQuery.Eligibility"/> filter or a <see cref="CreatorSort.Score"/> sort is narrowed by the other
/// terms in SQL and finished in .NET: each candidate is checked by the terms SQL left (the
/// <see cref="ResidualFilter"/>) and the page chosen with
/// <see cref="CreatorQuery.Compare(SearchPosition, SearchPosition)"/>, so such a search reads every candidate.
/// </para>
/// <para>
/// An upsert is one transaction and a search reads one snapshot, so a search sees each creator wholly before or
/// wholly after an upsert. A bulk load (<see cref="LoadAsync"/>) is one transaction with the outcome of upserting each
/// listing in order: it copies listings in batches with PostgreSQL's binary <c>COPY</c>, into new tables that replace
/// the catalog's when it was empty, merged batch by batch otherwise. The tables come with the store's migrations, applied on first use under an advisory
/// lock; the catalog and a <see cref="PostgreSqlMarketplaceStore"/> may share a schema. The catalog is safe to use
/// from several threads and from several processes.
/// </para>
/// </remarks>
public sealed class PostgreSqlCreatorCatalog : ICreatorCatalog, ICatalogCheckpoint, ICatalogBulkLoad
{
    private readonly PostgreSqlDatabase _database;
    private readonly string _upsert;
    private readonly string _lock;
    private readonly string _loadLock;

    /// <summary>Creates the catalog; nothing is opened until first use.</summary>
    /// <param name="dataSource">The data source; the application keeps owning it.</param>
    /// <param name="options">The schema that holds the tables (<see cref="PostgreSqlStoreOptions.Formats"/> is not used: listings have one stored form); the defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    /// <exception cref="DomainValidationException">An option is malformed.</exception>
    public PostgreSqlCreatorCatalog(NpgsqlDataSource dataSource, PostgreSqlStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlStoreOptions();
        options.Validate();
        _database = new PostgreSqlDatabase(dataSource, options.Schema);
        _upsert = CatalogRow.UpsertSql(_database);

        // Two keys, a lock space apart from the migrations' single key. An upsert also shares the bulk load's key,
        // which a load takes alone to its commit, so that the load sees every upsert before it whole, and no upsert
        // runs beside it.
        _loadLock = $"SELECT pg_advisory_xact_lock(hashtext('{options.Schema}.creator_catalog_load'), 0);";
        _lock = $"SELECT pg_advisory_xact_lock_shared(hashtext('{options.Schema}.creator_catalog_load'), 0), pg_advisory_xact_lock(hashtext('{options.Schema}.creator_catalog'), hashtext(@id::text));";
    }

    // Listings a bulk load copies (and merges) at a time: large enough that the copy dominates, small enough that the
    // next batch's rows are made while this one is written with little held in memory. Tests make it small to load
    // many batches.
    internal int LoadBatch { get; init; } = 5_000;

    // Which terms a search may push down to SQL; tests turn push-down off to run every term as a residual.
    internal Func<CreatorQueryTerm, bool> MayPushDown { get; init; } = static _ => true;

    /// <summary>The data source the catalog connects through.</summary>
    public NpgsqlDataSource DataSource => _database.DataSource;

    /// <summary>The schema that holds the catalog's tables.</summary>
    public string Schema => _database.Schema;

    /// <summary>
    /// Creates the schema and brings it to <see cref="PostgreSqlMarketplaceStore.SchemaVersion"/> now, rather than
    /// on first use. Safe to call more than once, and from several processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration; a migration is applied whole or not at all.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="InvalidOperationException">The schema was migrated by a newer release.</exception>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// The listing holds a value its stored form cannot give back exactly; the message names it.
    /// </exception>
    public async ValueTask<bool> UpsertAsync(CreatorListing listing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listing);
        cancellationToken.ThrowIfCancellationRequested();
        var row = CatalogRow.From(listing);
        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);

        // Upserts of one creator take turns on a lock, so that the upsert's own statement, whose snapshot read
        // committed takes after the lock, sees the rows of the upsert before it and replaces them all.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var turn = new NpgsqlBatchCommand(_lock);
        turn.Parameters.AddWithValue("id", listing.Id.Value);
        var upsert = new NpgsqlBatchCommand(_upsert);
        row.AddTo(upsert.Parameters);
        batch.BatchCommands.Add(turn);
        batch.BatchCommands.Add(upsert);
        bool written;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            written = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == 1;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Loads a stream of listings with the same outcome as upserting each in order, in one transaction: a load that
    /// fails or is cancelled changes nothing, and searches see the catalog as it was before the load or as it is after
    /// it, never between. Listings are taken 5,000 at a time: each batch's rows are made on every core and copied with
    /// PostgreSQL's binary <c>COPY</c> while the next batch is read and its rows made. Into an empty catalog the rows
    /// are copied into new tables, which get their indexes at the end and then replace the catalog's tables; into a
    /// catalog that holds creators each batch is merged (a creator's newest listing, written only over an older
    /// version). Upserts wait while a load runs.
    /// </summary>
    /// <param name="listings">The listings, in the order they would be upserted.</param>
    /// <param name="cancellationToken">Cancels the load; nothing of it is stored.</param>
    /// <returns>How many creators the load added or updated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listings"/> is null or holds a null listing (nothing is stored).</exception>
    /// <exception cref="ArgumentException">A listing holds a value its stored form cannot give back exactly; nothing is stored.</exception>
    public async ValueTask<int> LoadAsync(IAsyncEnumerable<CreatorListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

        // The load's lock, held to its commit: upserts, which share it, wait; and whether the catalog is empty is
        // read after it (by a statement of its own, whose snapshot is taken once the lock is held), so no upsert can
        // make it otherwise before the load ends.
        await using (var turn = new NpgsqlCommand(_loadLock, connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        bool empty;
        await using (var start = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM {_database.Table(CatalogTables.Listings)});", connection, transaction))
        {
            empty = (bool)(await start.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        CatalogLoad load = empty
            ? await FreshCatalogLoad.StartAsync(connection, transaction, _database, cancellationToken).ConfigureAwait(false)
            : new MergingCatalogLoad(connection, transaction, _database);
        var batch = new List<CreatorListing>(LoadBatch);
        var read = 0;

        // A batch is read and its rows made while the batch before is written, one batch written at a time.
        var writing = Task.CompletedTask;
        try
        {
            await foreach (var listing in listings.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (listing is null)
                {
                    throw new ArgumentNullException(nameof(listings), "listings: holds a null listing; nothing was loaded.");
                }

                batch.Add(listing);
                if (batch.Count == LoadBatch)
                {
                    writing = await NextWriteAsync(writing, load, Rows(batch, cancellationToken), read, cancellationToken).ConfigureAwait(false);
                    read += batch.Count;
                    batch = new List<CreatorListing>(LoadBatch);
                }
            }

            if (batch.Count > 0)
            {
                writing = await NextWriteAsync(writing, load, Rows(batch, cancellationToken), read, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The connection is free again only once the batch being written is; the transaction is then rolled back
            // and the first failure thrown, not the write's own that may follow it.
            try
            {
                await writing.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The load fails with the failure that stopped it.
            }

            throw;
        }

        await writing.ConfigureAwait(false);
        await load.FinishAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return load.Written;
    }

    // Starts a batch's write once the write before it has ended.
    private static async Task<Task> NextWriteAsync(Task previous, CatalogLoad load, CatalogRow[] rows, int firstOrdinal, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false);
        return load.WriteAsync(rows, firstOrdinal, cancellationToken);
    }

    // A batch's rows. Making a row writes the listing's document and reads it back: the client's part of a load,
    // spread over the cores.
    private static CatalogRow[] Rows(List<CreatorListing> batch, CancellationToken cancellationToken)
    {
        var rows = new CatalogRow[batch.Count];
        var refused = new Exception?[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                rows[i] = CatalogRow.From(batch[i]);
            }
            catch (ArgumentException exception)
            {
                refused[i] = exception;
            }
        });

        // The first listing refused, as upserting in order would report it.
        if (Array.Find(refused, exception => exception is not null) is { } first)
        {
            ExceptionDispatchInfo.Capture(first).Throw();
        }

        return rows;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(CreatorId creator, CancellationToken cancellationToken = default) =>
        OnListingAsync(
            creator,
            $"DELETE FROM {_database.Table(CatalogTables.Listings)} WHERE id = @id;",
            absent: false,
            async (command, cancel) => await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1,
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<CreatorListing?> FindAsync(CreatorId creator, CancellationToken cancellationToken = default) =>
        OnListingAsync(
            creator,
            $"SELECT document::text FROM {_database.Table(CatalogTables.Listings)} WHERE id = @id;",
            absent: null,
            async (command, cancel) => await command.ExecuteScalarAsync(cancel).ConfigureAwait(false) is string document ? ListingDocument.Read(document) : null,
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask<long?> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT position FROM {_database.Table("creator_catalog_checkpoint")};", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveCheckpointAsync(long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        var table = _database.Table("creator_catalog_checkpoint");
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {table} (position) VALUES (@position) ON CONFLICT (single) DO UPDATE SET position = GREATEST({table}.position, excluded.position);",
            connection);
        command.Parameters.AddWithValue("position", position);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<CreatorSearchResult> SearchAsync(CreatorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = query.Validate();
        if (problems.Count > 0)
        {
            return new Invalid(problems);
        }

        var measured = Searches.Start();
        try
        {
            var search = new CatalogSearch(query, _database, MayPushDown);
            await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
            var page = search.IsExactInSql
                ? await SearchInSqlAsync(query, search, connection, cancellationToken).ConfigureAwait(false)
                : await SearchInDotNetAsync(query, search, connection, cancellationToken).ConfigureAwait(false);
            measured?.Complete(page);
            return page;
        }
        catch (Exception exception) when (measured is not null && measured.Failed(exception))
        {
            throw;
        }
    }

    // On the package's source and meter; an invalid query is answered before a search starts, so it is not measured.
    private static SearchInstruments Searches { get; } = new(PostgreSqlTelemetry.Package, "postgresql");

    private static async ValueTask<CreatorSearchPage> SearchInSqlAsync(CreatorQuery query, CatalogSearch search, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One statement, so one snapshot for the page and the counts, in one round trip; the page's positions put
        // its listings in order, whichever way the rows come.
        var page = new CreatorListing[query.PageSize + 1];
        var listed = 0;
        var facets = new FacetCounts();
        var total = 0;
        await using (var command = search.SearchCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var kind = reader.GetInt32(0);
                if (kind < 0)
                {
                    page[reader.GetInt64(2) - 1] = ListingDocument.Read(reader.GetString(3));
                    listed++;
                    continue;
                }

                var count = checked((int)reader.GetInt64(2));
                switch (kind)
                {
                    case 0:
                        total = count;
                        break;
                    case 1:
                        facets.Countries[Country.FromCode(reader.GetString(1))] = count;
                        break;
                    case 2:
                        facets.Languages[Language.FromCode(reader.GetString(1))] = count;
                        break;
                    case 3:
                        facets.ContentLabels[new ContentLabel(reader.GetString(1))] = count;
                        break;
                    default:
                        facets.Tiers[FollowerTier.FromValue(int.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture))] = count;
                        break;
                }
            }
        }

        SearchPosition? next = null;
        if (listed > query.PageSize)
        {
            listed = query.PageSize;
            next = query.PositionOf(page[listed - 1]);
        }

        return new CreatorSearchPage(page[..listed], total, query.IncludeFacets ? facets.ToFacets() : null, next);
    }

    private static async ValueTask<CreatorSearchPage> SearchInDotNetAsync(CreatorQuery query, CatalogSearch search, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Only the best page (and one more, to tell whether another follows) is kept while the candidates stream by.
        var keep = query.PageSize + 1;
        var worstFirst = Comparer<SearchPosition>.Create((left, right) => query.Compare(right, left));
        var best = new PriorityQueue<CreatorListing, SearchPosition>(keep + 1, worstFirst);
        var facets = new FacetCounts();
        var total = 0;
        await using (var command = search.CandidatesCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var listing = ListingDocument.Read(reader.GetString(0));
                if (!search.Residual.Matches(listing))
                {
                    continue;
                }

                total = checked(total + 1);
                if (query.IncludeFacets)
                {
                    facets.Count(listing, query);
                }

                var position = query.PositionOf(listing);
                if (query.After is { } after && query.Compare(position, after) <= 0)
                {
                    continue;
                }

                best.Enqueue(listing, position);
                if (best.Count > keep)
                {
                    best.Dequeue();
                }
            }
        }

        var ordered = new List<(CreatorListing Listing, SearchPosition Position)>(best.Count);
        while (best.TryDequeue(out var listing, out var position))
        {
            ordered.Add((listing, position));
        }

        ordered.Reverse();
        var items = ordered.Take(query.PageSize).Select(pair => pair.Listing).ToArray();
        var next = ordered.Count > query.PageSize ? ordered[query.PageSize - 1].Position : (SearchPosition?)null;
        return new CreatorSearchPage(items, total, query.IncludeFacets ? facets.ToFacets() : null, next);
    }

    // Matches counted by home country, language, content label and the filtered account's tier.
    private sealed class FacetCounts
    {
        public Dictionary<Country, int> Countries { get; } = [];

        public Dictionary<Language, int> Languages { get; } = [];

        public Dictionary<ContentLabel, int> ContentLabels { get; } = [];

        public Dictionary<FollowerTier, int> Tiers { get; } = [];

        public void Count(CreatorListing listing, CreatorQuery query)
        {
            Add(Countries, listing.Profile.HomeCountry);
            foreach (var language in listing.Profile.Languages.Distinct())
            {
                Add(Languages, language);
            }

            foreach (var label in listing.Profile.ContentLabels.Distinct())
            {
                Add(ContentLabels, label);
            }

            Add(Tiers, query.AccountOf(listing)!.Stats.Tier);
        }

        public CreatorFacets ToFacets() => new(Countries, Languages, ContentLabels, Tiers);

        private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key)
            where TKey : notnull =>
            counts[key] = checked(counts.GetValueOrDefault(key) + 1);
    }

    // Runs one statement on one creator's listing (@id). A default id is no listing's, so it gets the answer for a
    // listing that is not there without its UUID being read.
    private async ValueTask<T> OnListingAsync<T>(CreatorId creator, string sql, T absent, Func<NpgsqlCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (creator == default)
        {
            return absent;
        }

        await using var connection = await _database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", creator.Value);
        return await run(command, cancellationToken).ConfigureAwait(false);
    }
}

using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// A schema of one data source, migrated on the first connection opened through it: the store and the catalog each
// hold one, and whichever comes first applies the migrations (under the advisory lock) for both.
internal sealed class PostgreSqlDatabase
{
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, string schema)
    {
        DataSource = dataSource;
        Schema = schema;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    // An open connection to a migrated schema.
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_migrated)
                    {
                        await PostgreSqlSchema.MigrateAsync(connection, Schema, cancellationToken).ConfigureAwait(false);
                        _migrated = true;
                    }
                }
                finally
                {
                    _migration.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A table's name, qualified with the schema.
    public string Table(string name) => $"\"{Schema}\".{name}";
}

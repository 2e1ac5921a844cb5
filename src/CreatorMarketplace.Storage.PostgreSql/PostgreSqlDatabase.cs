using System.Data.Common;
using CreatorMarketplace.Storage.Relational;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace CreatorMarketplace.Storage.PostgreSql;

// PostgreSQL's dialect of the relational store: a schema of one data source, with uuid ids, timestamptz instants
// and json documents. The store and the catalog each hold one, and whichever opens a connection first applies the
// migrations (under the advisory lock) for both.
internal sealed class PostgreSqlDatabase : RelationalDatabase
{
    private const string UniqueViolation = "23505";

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, string schema)
    {
        DataSource = dataSource;
        Schema = schema;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    // An open connection to a migrated schema, for the catalog's own commands.
    public async ValueTask<NpgsqlConnection> OpenNpgsqlAsync(CancellationToken cancellationToken) =>
        (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);

    // A table's name, qualified with the schema.
    public override string Table(string name) => $"\"{Schema}\".{name}";

    public override string Text(string column) => $"{column}::text";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    protected override void Bind(DbParameter parameter, object? value)
    {
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case Instant instant:
                parameter.Value = instant.ToDateTimeUtc();
                break;
            case StoredDocument document:
                ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlDbType.Json;
                parameter.Value = document.Json;
                break;
            default:
                parameter.Value = value;
                break;
        }
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override ValueTask MigrateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        PostgreSqlSchema.MigrateAsync((NpgsqlConnection)connection, Schema, cancellationToken);
}

using CreatorMarketplace.Storage.Relational;
using Npgsql;

namespace CreatorMarketplace.Storage.PostgreSql;

// The outbox lease as a session-level advisory lock of the schema, held on a connection of its own for as long as
// the lease is held: the server releases it when that connection closes, so the lease moves as soon as its holder's
// process dies or its connection is cut. The holder checks the connection every renewal interval; a check that
// fails means the lock may be another's now.
internal sealed class PostgreSqlOutboxLease(PostgreSqlDatabase database, TimeProvider time) : IOutboxLease
{
    private readonly string _key = $"hashtext('creator_marketplace.outbox_lease.{database.Schema}')";

    public async ValueTask<IHeldLease?> TryAcquireAsync(TimeSpan renewalInterval, CancellationToken cancellationToken = default)
    {
        OutboxLease.ThrowIfInvalidRenewalInterval(renewalInterval);
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var acquire = new NpgsqlCommand($"SELECT pg_try_advisory_lock({_key});", connection);
            if (await acquire.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var held = new Held(connection, _key);
        held.Start(renewalInterval, time);
        return held;
    }

    private sealed class Held(NpgsqlConnection connection, string key) : RenewedLease
    {
        protected override async ValueTask<bool> RenewAsync(CancellationToken cancellationToken)
        {
            await using var check = new NpgsqlCommand("SELECT 1;", connection);
            await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        protected override async ValueTask ReleaseAsync()
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key});", connection);
            await release.ExecuteScalarAsync().ConfigureAwait(false);
        }

        protected override ValueTask CloseAsync() => connection.DisposeAsync();
    }
}

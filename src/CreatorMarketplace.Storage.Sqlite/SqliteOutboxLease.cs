using CreatorMarketplace.Storage.Relational;

namespace CreatorMarketplace.Storage.Sqlite;

// The outbox lease as a row of the database: a holder (an id of each acquisition) and an expiry three renewal
// intervals ahead, moved on by each renewal. Another instance takes the row over only once it has expired, and a
// holder whose renewal finds it expired or taken has lost it, so two holders never overlap by the database's clock
// readings. A row, not a file lock beside the database: it needs nothing but the database (the same file, the same
// busy timeout, the same WAL), it behaves alike on every operating system and file system SQLite runs on, and its
// expiry is testable with a fake clock; its price is that a dead holder's lease moves only when it expires, where a
// file lock would move at once.
internal sealed class SqliteOutboxLease(SqliteDatabase database, TimeProvider time) : IOutboxLease
{
    // How many renewal intervals a lease lasts past its last renewal: a holder may miss one renewal and still hold it.
    private const int IntervalsToExpiry = 3;

    private const string Acquire = """
        INSERT INTO outbox_lease (name, holder, expires_at) VALUES ('outbox', @holder, @expires)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE outbox_lease.expires_at <= @now;
        """;

    private const string Renew = "UPDATE outbox_lease SET expires_at = @expires WHERE name = 'outbox' AND holder = @holder AND expires_at > @now;";

    private const string Release = "DELETE FROM outbox_lease WHERE name = 'outbox' AND holder = @holder;";

    public async ValueTask<IHeldLease?> TryAcquireAsync(TimeSpan renewalInterval, CancellationToken cancellationToken = default)
    {
        OutboxLease.ThrowIfInvalidRenewalInterval(renewalInterval);
        var held = new Held(database, time, renewalInterval * IntervalsToExpiry);
        if (!await held.ExecuteAsync(Acquire, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        held.Start(renewalInterval, time);
        return held;
    }

    private sealed class Held(SqliteDatabase database, TimeProvider time, TimeSpan duration) : RenewedLease
    {
        private readonly Guid _holder = Guid.NewGuid();

        // Runs one of the lease's statements; whether it changed the row.
        public async ValueTask<bool> ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = database.Command(
                connection,
                null,
                sql,
                ("holder", _holder),
                ("now", now.ToUnixTimeMilliseconds()),
                ("expires", (now + duration).ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        protected override ValueTask<bool> RenewAsync(CancellationToken cancellationToken) => ExecuteAsync(Renew, cancellationToken);

        protected override async ValueTask ReleaseAsync() => await ExecuteAsync(Release, CancellationToken.None).ConfigureAwait(false);
    }
}

using CreatorMarketplace.Serialization;
using NodaTime;

namespace CreatorMarketplace.Storage.Relational;

// The outbox table: rows written by the repositories' saves, read and marked by a dispatcher (delivered, or a failed
// attempt that may dead-letter the row), and read in order by the change feed whatever their delivery state. A row's position is its sequence. SQLite lets one transaction write
// at a time, so it commits in sequence order; PostgreSQL takes sequence numbers at insert, so its saves take turns
// from their outbox insert to their commit (RelationalDatabase.BeforeOutboxAppend), and in both a reader that sees
// a row sees every row before it.
internal sealed class RelationalOutbox(RelationalDatabase database, TimeProvider time, TimeSpan pollingInterval) : IOutbox, IChangeFeed
{
    // The insert of one event, whose parameters AppendRow gives.
    public static string Append(RelationalDatabase database) => $"""
        INSERT INTO {database.Table("outbox")} (event_id, aggregate, aggregate_id, aggregate_version, event_type, payload, occurred_at, acted_by{database.PartiesColumn})
        VALUES (@eventId, @aggregate, @aggregateId, @version, @type, @payload, @occurredAt, @actedBy{database.PartiesValue});
        """;

    // parties: the aggregate's parties as RelationalDatabase.PartiesOf gives them (none where the tables record none);
    // actedBy: who saved it through a store opened for them, null for nobody.
    public static (string Name, object? Value)[] AppendRow(string aggregate, Guid aggregateId, long version, StoredEvent written, Instant occurredAt, ActorId? actedBy, (string Name, object? Value)[] parties) =>
    [
        ("eventId", Guid.NewGuid()),
        ("aggregate", aggregate),
        ("aggregateId", aggregateId),
        ("version", version),
        ("type", written.TypeName),
        ("payload", new StoredDocument(written.Json)),
        ("occurredAt", occurredAt),
        ("actedBy", actedBy?.Value),
        .. parties,
    ];

    private readonly string _readPending = $"""
        SELECT {Columns(database)} FROM {database.Table("outbox")}
        WHERE delivered_at IS NULL AND dead_lettered_at IS NULL ORDER BY sequence LIMIT @max;
        """;

    private readonly string _readDeadLetters = $"""
        SELECT {Columns(database)}, attempts, last_error_type, dead_lettered_at FROM {database.Table("outbox")}
        WHERE dead_lettered_at IS NOT NULL ORDER BY sequence LIMIT @max;
        """;

    // The attempt that reaches the limit dead-letters the row, in the same statement.
    private readonly string _recordFailedAttempt = $"""
        UPDATE {database.Table("outbox")}
        SET attempts = attempts + 1, last_error_type = @error, dead_lettered_at = CASE WHEN attempts + 1 >= @max THEN @at END
        WHERE event_id = @id AND delivered_at IS NULL AND dead_lettered_at IS NULL
        RETURNING CASE WHEN dead_lettered_at IS NULL THEN 0 ELSE 1 END;
        """;

    private readonly string _retryAll = $"UPDATE {database.Table("outbox")} SET attempts = 0, dead_lettered_at = NULL WHERE dead_lettered_at IS NOT NULL";

    private readonly string _readAfter = $"""
        SELECT {Columns(database)} FROM {database.Table("outbox")}
        WHERE sequence > @after ORDER BY sequence LIMIT @max;
        """;

    private readonly string _head = $"SELECT COALESCE(MAX(sequence), 0) FROM {database.Table("outbox")};";

    // Counted through the partial indexes of pending and dead-lettered rows, never the delivered history.
    private readonly string _backlog = $"""
        SELECT (SELECT COUNT(*) FROM {database.Table("outbox")} WHERE delivered_at IS NULL AND dead_lettered_at IS NULL),
               (SELECT COUNT(*) FROM {database.Table("outbox")} WHERE dead_lettered_at IS NOT NULL);
        """;

    private readonly string _markDelivered = $"UPDATE {database.Table("outbox")} SET delivered_at = @at WHERE event_id = @id AND delivered_at IS NULL;";

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadMessagesAsync(_readPending, cancellationToken, ("max", max));
    }

    public async ValueTask MarkDeliveredAsync(IReadOnlyCollection<Guid> eventIds, Instant deliveredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await database.ExecuteEachAsync(
            connection,
            transaction,
            _markDelivered,
            eventIds.Select(id => new (string, object?)[] { ("at", deliveredAt), ("id", id) }),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RecordFailedAttemptAsync(Guid eventId, string errorType, Instant failedAt, int maxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _recordFailedAttempt, ("error", errorType), ("max", maxAttempts), ("at", failedAt), ("id", eventId));
        return RelationalDatabase.Number(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 1;
    }

    public async ValueTask<IReadOnlyList<OutboxDeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _readDeadLetters, ("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var letters = new List<OutboxDeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new OutboxDeadLetter(Message(reader), reader.GetInt32(8), reader.GetString(9), database.GetInstant(reader, 10)));
        }

        return letters;
    }

    public async ValueTask<bool> RetryDeadLetterAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        await RetryAsync($"{_retryAll} AND event_id = @id;", cancellationToken, ("id", eventId)).ConfigureAwait(false) == 1;

    public ValueTask<int> RetryAllDeadLettersAsync(CancellationToken cancellationToken = default) => RetryAsync($"{_retryAll};", cancellationToken);

    public async ValueTask<OutboxBacklog> ReadBacklogAsync(CancellationToken cancellationToken = default)
    {
        var oldest = await ReadPendingAsync(1, cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _backlog);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxBacklog(reader.GetInt64(0), reader.GetInt64(1), oldest.Count > 0 ? oldest[0].OccurredAt : null);
    }

    private async ValueTask<int> RetryAsync(string update, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, update, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadAsync(long afterPosition, int pageSize = BulkRead.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ChangeFeed.ThrowIfInvalidRead(afterPosition, pageSize);
        return ReadMessagesAsync(_readAfter, cancellationToken, ("after", afterPosition), ("max", pageSize));
    }

    public async ValueTask<long> HeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, _head);
        return RelationalDatabase.Number(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    // Each round listens (where the database notifies) and watches this instance's saves before it reads the head,
    // so a change stored after that read wakes it; a round ends at a notification, a save through this instance or
    // the polling interval, whichever comes first, and the next round reads the head again.
    public async ValueTask<bool> WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ChangeFeed.ThrowIfInvalidWait(afterPosition, timeout);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            var saved = database.Saved.Next;
            await using (var listener = await database.ListenAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await HeadAsync(cancellationToken).ConfigureAwait(false) > afterPosition)
                {
                    return true;
                }

                using var poll = new CancellationTokenSource(pollingInterval, time);
                using var round = CancellationTokenSource.CreateLinkedTokenSource(waiting.Token, poll.Token);
                var notified = listener?.NextAsync(round.Token) ?? Task.Delay(Timeout.Infinite, round.Token);
                await Task.WhenAny(saved, notified).ConfigureAwait(false);
                await round.CancelAsync().ConfigureAwait(false);
                await notified.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private async ValueTask<IReadOnlyList<OutboxMessage>> ReadMessagesAsync(string select, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, select, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(Message(reader));
        }

        return messages;
    }

    // What Message reads, first in every select of messages.
    private static string Columns(RelationalDatabase database) =>
        $"sequence, event_id, aggregate, aggregate_id, aggregate_version, event_type, {database.Text("payload")}, acted_by";

    // The message of a row read with Columns first. A row from before the column was added holds null: nobody known.
    private static OutboxMessage Message(System.Data.Common.DbDataReader reader) =>
        new(
            reader.GetGuid(1),
            reader.GetInt64(0),
            reader.GetString(2),
            reader.GetGuid(3),
            reader.GetInt64(4),
            DomainEventJson.Read(reader.GetString(5), reader.GetString(6)))
        {
            ActedBy = reader.IsDBNull(7) ? null : ActorId.From(reader.GetGuid(7)),
        };
}

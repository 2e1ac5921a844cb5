namespace CreatorMarketplace.Storage;

/// <summary>
/// Thrown by a bulk read (<see cref="IRepository{TAggregate, TId}.ReadAsync"/>) at a stored aggregate it cannot
/// read: its aggregate's rules refuse it, or a newer release wrote it. A bulk read never skips such an aggregate
/// silently; it stops there, and a reader that chooses to go on resumes after <see cref="Id"/>.
/// </summary>
public sealed class UnreadableAggregateException : Exception
{
    /// <summary>The aggregate's type name, for example <c>Creator</c>.</summary>
    public string Aggregate { get; }

    /// <summary>The aggregate's id: the position to resume after.</summary>
    public Guid Id { get; }

    /// <summary>The version it is stored at.</summary>
    public long Version { get; }

    /// <summary>Creates the exception for one stored aggregate.</summary>
    /// <param name="aggregate">The aggregate's type name, for example <c>Creator</c>.</param>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="version">The version it is stored at.</param>
    /// <param name="reason">Why it cannot be read, as a find would throw it (a <c>JsonException</c> or a <see cref="DomainValidationException"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="aggregate"/> or <paramref name="reason"/> is null.</exception>
    public UnreadableAggregateException(string aggregate, Guid id, long version, Exception reason)
        : base(Describe(aggregate, id, version, reason), reason)
    {
        Aggregate = aggregate;
        Id = id;
        Version = version;
    }

    private static string Describe(string aggregate, Guid id, long version, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(reason);
        return $"{aggregate} {id} (stored at version {version}) cannot be read: {reason.Message}";
    }
}

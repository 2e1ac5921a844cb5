using OneOf;

namespace CreatorMarketplace.Storage;

/// <summary>The aggregate was stored.</summary>
/// <param name="Version">The version it is stored at now (and carries now).</param>
/// <param name="Events">How many domain events went to the outbox with it.</param>
public sealed record Saved(long Version, int Events);

/// <summary>
/// The aggregate was not stored because the store holds another version of it than the one it was loaded at:
/// someone else saved it first (or, for a new aggregate, the id is taken). Nothing changed; load it again, redo
/// the change and save again.
/// </summary>
/// <param name="Aggregate">The aggregate's type name, for example <c>Contract</c>.</param>
/// <param name="Id">The aggregate's id.</param>
/// <param name="ExpectedVersion">The version the save expected to replace (0: none stored yet).</param>
/// <param name="StoredVersion">The version the store holds (0: none).</param>
public sealed record Conflict(string Aggregate, Guid Id, long ExpectedVersion, long StoredVersion)
{
    /// <summary>Formats the conflict for people.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Aggregate} {Id} was not saved: expected to replace version {ExpectedVersion}, but the store holds version {StoredVersion}.";
}

/// <summary>The outcome of <see cref="IRepository{TAggregate, TId}.SaveAsync"/>: <see cref="Saved"/> or <see cref="Conflict"/>.</summary>
[Union]
public sealed partial class SaveResult : OneOfBase<Saved, Conflict>
{
    /// <summary>Whether the aggregate was stored.</summary>
    public bool IsSaved => IsT0;

    /// <summary>The conflict, when the save was refused; otherwise null.</summary>
    public Conflict? Conflict => IsT1 ? AsT1 : null;

    /// <summary>Throws when the save was refused; for callers that hold the only writer.</summary>
    /// <returns>The saved outcome.</returns>
    /// <exception cref="ConflictException">The save was a conflict; the message names the aggregate and both versions.</exception>
    public Saved ThrowIfConflict() => IsT0 ? AsT0 : throw new ConflictException(AsT1);

    /// <summary>Formats the outcome.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Match(saved => $"saved at version {saved.Version}", conflict => conflict.ToString());
}

using NodaTime;

namespace CreatorMarketplace.Discovery;

/// <summary>A brand's named discovery query, kept to run again later.</summary>
public sealed class SavedSearch : AggregateRoot<SavedSearchId>, ISnapshotable<SavedSearch, SavedSearchSnapshot>
{
    private SavedSearch(SavedSearchId id, BrandId owner, string name, CreatorQuery query, Instant savedAt, long version = 0)
        : base(id, version)
    {
        Owner = owner;
        Name = name;
        Query = query;
        SavedAt = savedAt;
    }

    /// <summary>The brand that owns the search.</summary>
    public BrandId Owner { get; }

    /// <summary>The search's name.</summary>
    public string Name { get; private set; }

    /// <summary>The query, valid; saved without a paging cursor, so it always runs from the first page.</summary>
    public CreatorQuery Query { get; private set; }

    /// <summary>When the search was first saved.</summary>
    public Instant SavedAt { get; }

    /// <summary>Saves a query under a name.</summary>
    /// <param name="id">The new saved search's id.</param>
    /// <param name="owner">The brand that owns it.</param>
    /// <param name="name">A name of 1 to 100 characters.</param>
    /// <param name="query">A valid query; its paging cursor is dropped.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <returns>The saved search, with a <see cref="SavedSearchChanged"/> event pending.</returns>
    /// <exception cref="DomainValidationException">The owner, the name or the query is invalid; every problem is named.</exception>
    public static SavedSearch Save(SavedSearchId id, BrandId owner, string name, CreatorQuery query, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new ErrorCollector();
        errors.Require(owner != default, nameof(owner), "saved_search.owner_missing", "a saved search belongs to a brand.");
        var checkedName = CheckName(errors, name, nameof(name));
        errors.At(nameof(query)).AddRange(query.Validate());
        errors.ThrowIfAny();
        var search = new SavedSearch(id, owner, checkedName, query with { After = null }, clock.GetCurrentInstant());
        search.Raise(new SavedSearchChanged(id, search.Name, search.Query, search.SavedAt));
        return search;
    }

    /// <summary>Renames the search or replaces its query.</summary>
    /// <param name="name">A name of 1 to 100 characters.</param>
    /// <param name="query">A valid query; its paging cursor is dropped.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="DomainValidationException">The name or the query is invalid; nothing changes.</exception>
    public void Change(string name, CreatorQuery query, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new ErrorCollector();
        var checkedName = CheckName(errors, name, nameof(name));
        errors.At(nameof(query)).AddRange(query.Validate());
        errors.ThrowIfAny();
        var firstPage = query with { After = null };
        if (checkedName == Name && firstPage.Equals(Query))
        {
            return;
        }

        var changed = new SavedSearchChanged(Id, checkedName, firstPage, clock.GetCurrentInstant());
        (Name, Query) = (checkedName, firstPage);
        Raise(changed);
    }

    /// <inheritdoc />
    public SavedSearchSnapshot ToSnapshot() => new(Id, Owner, Name, Query, SavedAt);

    /// <inheritdoc />
    public static SavedSearch FromSnapshot(SavedSearchSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);

        // A stored search passes the same checks as one saved through Save and Change: a trimmed name, a valid
        // query without a paging cursor.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a saved search needs an id.");
        errors.Require(snapshot.Owner != default, "Owner", "saved_search.owner_missing", "a saved search belongs to a brand.");
        var before = errors.Errors.Count;
        var name = CheckName(errors, snapshot.Name, nameof(snapshot.Name));
        errors.Require(errors.Errors.Count > before || name == snapshot.Name, "Name", "saved_search.name_invalid", "a name is kept trimmed.");
        if (snapshot.Query is null)
        {
            errors.Add("Query", "snapshot.query_missing", "a saved search holds a query.");
        }
        else
        {
            errors.At("Query").AddRange(snapshot.Query.Validate());
            errors.Require(snapshot.Query.After is null, "Query.After", "saved_search.query_has_cursor", "a saved query runs from the first page, so it holds no cursor.");
        }

        errors.ThrowIfAny(nameof(snapshot));

        // The query is an immutable value, kept as it is, as Save and Change keep it.
        return new SavedSearch(snapshot.Id, snapshot.Owner, snapshot.Name, snapshot.Query!, snapshot.SavedAt, version);
    }

    private static string CheckName(ErrorCollector errors, string? name, string field)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        errors.Require(trimmed.Length is >= 1 and <= Shortlist.MaxNameLength, field, "saved_search.name_invalid", $"a name has 1 to {Shortlist.MaxNameLength} characters.");
        errors.RequireText(TextRule.SingleLine, name, field);
        return trimmed;
    }
}

/// <summary>A saved search's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The saved search's id.</param>
/// <param name="Owner">The brand that owns it.</param>
/// <param name="Name">Its name, trimmed.</param>
/// <param name="Query">Its query, valid and without a paging cursor.</param>
/// <param name="SavedAt">When it was first saved.</param>
public sealed record SavedSearchSnapshot(SavedSearchId Id, BrandId Owner, string Name, CreatorQuery Query, Instant SavedAt);

/// <summary>A search was saved, renamed or given a new query.</summary>
/// <param name="SavedSearch">The saved search.</param>
/// <param name="Name">Its name now.</param>
/// <param name="Query">Its query now.</param>
/// <param name="OccurredAt">When.</param>
public sealed record SavedSearchChanged(SavedSearchId SavedSearch, string Name, CreatorQuery Query, Instant OccurredAt) : IDomainEvent;

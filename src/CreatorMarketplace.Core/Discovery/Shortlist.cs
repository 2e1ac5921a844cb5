using NodaTime;
using OneOf;

namespace CreatorMarketplace.Discovery;

/// <summary>
/// A brand's named list of creators under consideration, each with tags and a note. A creator is listed at most
/// once.
/// </summary>
public sealed class Shortlist : AggregateRoot<ShortlistId>, ISnapshotable<Shortlist, ShortlistSnapshot>
{
    /// <summary>The longest name a shortlist may have.</summary>
    public const int MaxNameLength = 100;

    private readonly List<ShortlistEntry> _entries = [];

    private Shortlist(ShortlistId id, BrandId owner, string name, Instant createdAt, long version = 0)
        : base(id, version)
    {
        Owner = owner;
        Name = name;
        CreatedAt = createdAt;
    }

    /// <summary>The brand that owns the shortlist.</summary>
    public BrandId Owner { get; }

    /// <summary>The shortlist's name.</summary>
    public string Name { get; private set; }

    /// <summary>When the shortlist was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>The listed creators in the order they were added.</summary>
    public IReadOnlyList<ShortlistEntry> Entries => _entries.AsReadOnly();

    /// <summary>Creates an empty shortlist.</summary>
    /// <param name="id">The new shortlist's id.</param>
    /// <param name="owner">The brand that owns it.</param>
    /// <param name="name">A name of 1 to 100 characters.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <returns>The shortlist, with a <see cref="ShortlistCreated"/> event pending.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is empty or <paramref name="name"/> is blank or too long.</exception>
    public static Shortlist Create(ShortlistId id, BrandId owner, string name, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (owner == default)
        {
            throw new ArgumentException("owner: a shortlist belongs to a brand.", nameof(owner));
        }

        var shortlist = new Shortlist(id, owner, RequireName(name), clock.GetCurrentInstant());
        shortlist.Raise(new ShortlistCreated(id, owner, shortlist.Name, shortlist.CreatedAt));
        return shortlist;
    }

    /// <summary>Renames the shortlist.</summary>
    /// <param name="name">A name of 1 to 100 characters.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or too long; nothing changes.</exception>
    public void Rename(string name, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var checkedName = RequireName(name);
        if (checkedName == Name)
        {
            return;
        }

        var renamed = new ShortlistRenamed(Id, checkedName, clock.GetCurrentInstant());
        Name = checkedName;
        Raise(renamed);
    }

    /// <summary>Lists a creator, with optional tags and note.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="clock">The clock that stamps the entry and the event.</param>
    /// <param name="tags">Tags for the creator; each 1 to 40 characters on one line (<see cref="TextRule.SingleLine"/>), repeats ignoring case removed.</param>
    /// <param name="note">A note, at most 2,000 characters of <see cref="TextRule.MultiLine"/> text.</param>
    /// <returns><see cref="ShortlistEntry"/> when listed, or <see cref="AlreadyListed"/> (and no change) when the creator is on the list.</returns>
    /// <exception cref="ArgumentException">A tag or the note breaks its rule; nothing changes.</exception>
    public ShortlistAddResult Add(CreatorId creator, IClock clock, IEnumerable<string>? tags = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (creator == default)
        {
            throw new ArgumentException("creator: a shortlist lists creators by their id.", nameof(creator));
        }

        var entry = new ShortlistEntry(creator, clock.GetCurrentInstant(), ShortlistEntry.CheckTags(tags ?? []), ShortlistEntry.CheckNote(note));
        if (_entries.Exists(existing => existing.Creator == creator))
        {
            return new AlreadyListed(creator);
        }

        _entries.Add(entry);
        Raise(new ShortlistEntryAdded(Id, entry, entry.AddedAt));
        return entry;
    }

    /// <summary>Takes a creator off the list.</summary>
    /// <param name="creator">The creator.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <returns>Whether the creator was listed.</returns>
    public bool Remove(CreatorId creator, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (!_entries.Exists(entry => entry.Creator == creator))
        {
            return false;
        }

        var removed = new ShortlistEntryRemoved(Id, creator, clock.GetCurrentInstant());
        _entries.RemoveAll(entry => entry.Creator == creator);
        Raise(removed);
        return true;
    }

    /// <summary>Replaces a listed creator's tags and note.</summary>
    /// <param name="creator">A listed creator.</param>
    /// <param name="tags">The tags; each 1 to 40 characters on one line (<see cref="TextRule.SingleLine"/>), repeats ignoring case removed.</param>
    /// <param name="note">The note, at most 2,000 characters of <see cref="TextRule.MultiLine"/> text, or null for none.</param>
    /// <param name="clock">The clock that stamps the event.</param>
    /// <exception cref="ArgumentException">The creator is not listed, or a tag or the note breaks its rule; nothing changes.</exception>
    public void Annotate(CreatorId creator, IEnumerable<string> tags, string? note, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(clock);
        var index = _entries.FindIndex(entry => entry.Creator == creator);
        if (index < 0)
        {
            throw DomainValidationException.Of(nameof(creator), "shortlist.creator_not_listed", $"{creator} is not on the shortlist.");
        }

        var updated = _entries[index] with { Tags = ShortlistEntry.CheckTags(tags), Note = ShortlistEntry.CheckNote(note) };
        if (updated.Equals(_entries[index]))
        {
            return;
        }

        var annotated = new ShortlistEntryAnnotated(Id, updated, clock.GetCurrentInstant());
        _entries[index] = updated;
        Raise(annotated);
    }

    /// <inheritdoc />
    public ShortlistSnapshot ToSnapshot() => new(Id, Owner, Name, CreatedAt, _entries.ToArray());

    /// <inheritdoc />
    public static Shortlist FromSnapshot(ShortlistSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(snapshot.Entries);

        // A stored shortlist passes the same checks as one built through Create, Add and Annotate.
        var errors = new ErrorCollector();
        errors.Require(snapshot.Id != default, "Id", "snapshot.id_empty", "a shortlist needs an id.");
        errors.Require(snapshot.Owner != default, "Owner", "snapshot.owner_empty", "a shortlist belongs to a brand.");
        errors.Require(
            !string.IsNullOrWhiteSpace(snapshot.Name) && snapshot.Name == snapshot.Name.Trim() && snapshot.Name.Length <= MaxNameLength,
            "Name",
            "shortlist.name_invalid",
            $"a name is trimmed and has 1 to {MaxNameLength} characters.");
        errors.RequireText(TextRule.SingleLine, snapshot.Name, "Name");
        var listed = new HashSet<CreatorId>();
        for (var i = 0; i < snapshot.Entries.Count; i++)
        {
            var entry = snapshot.Entries[i];
            if (entry is null)
            {
                errors.Add($"Entries[{i}]", "snapshot.entry_missing", "an entry is null.");
                continue;
            }

            errors.Require(entry.Creator != default, $"Entries[{i}].Creator", "snapshot.creator_empty", "an entry lists a creator by id.");
            errors.Require(listed.Add(entry.Creator), $"Entries[{i}].Creator", "shortlist.creator_repeated", $"{entry.Creator} is listed more than once.");
            errors.Require(
                entry.Tags is not null && TagsAreChecked(entry.Tags),
                $"Entries[{i}].Tags",
                "shortlist.tag_invalid",
                $"tags are trimmed, 1 to {ShortlistEntry.MaxTagLength} characters, without repeats ignoring case.");
            errors.Require(
                entry.Note is null || entry.Note.Length <= ShortlistEntry.MaxNoteLength,
                $"Entries[{i}].Note",
                "shortlist.note_too_long",
                $"a note has at most {ShortlistEntry.MaxNoteLength} characters.");
            errors.RequireText(TextRule.MultiLine, entry.Note, $"Entries[{i}].Note");
        }

        errors.ThrowIfAny(nameof(snapshot));
        var shortlist = new Shortlist(snapshot.Id, snapshot.Owner, snapshot.Name, snapshot.CreatedAt, version);
        shortlist._entries.AddRange(snapshot.Entries.Select(entry => entry with { Tags = entry.Tags.ToArray().AsReadOnly() }));
        return shortlist;
    }

    private static bool TagsAreChecked(IReadOnlyList<string> tags)
    {
        try
        {
            return ShortlistEntry.CheckTags(tags).SequenceEqual(tags, StringComparer.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string RequireName(string name)
    {
        TextRule.SingleLine.RequireNonBlank(name);
        var trimmed = name.Trim();
        return trimmed.Length <= MaxNameLength
            ? trimmed
            : throw DomainValidationException.Of(nameof(name), "shortlist.name_invalid", $"a name has at most {MaxNameLength} characters, got {trimmed.Length}.");
    }
}

/// <summary>A shortlist's stored form: everything it holds (see <see cref="ISnapshotable{TSelf, TSnapshot}"/>).</summary>
/// <param name="Id">The shortlist's id.</param>
/// <param name="Owner">The brand that owns it.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Entries">The listed creators in the order they were added.</param>
public sealed record ShortlistSnapshot(ShortlistId Id, BrandId Owner, string Name, Instant CreatedAt, IReadOnlyList<ShortlistEntry> Entries);

/// <summary>A creator on a shortlist, with tags and a note.</summary>
/// <param name="Creator">The creator.</param>
/// <param name="AddedAt">When the creator was listed.</param>
/// <param name="Tags">The tags, in the order given, without repeats ignoring case.</param>
/// <param name="Note">The note, or null.</param>
public sealed record ShortlistEntry(CreatorId Creator, Instant AddedAt, IReadOnlyList<string> Tags, string? Note)
{
    /// <summary>The longest tag.</summary>
    public const int MaxTagLength = 40;

    /// <summary>The longest note.</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>Whether both entries list the same creator at the same instant with the same tags and note.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(ShortlistEntry? other) =>
        other is not null && Creator == other.Creator && AddedAt == other.AddedAt && Note == other.Note && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Creator, AddedAt, Note, Tags.Count);

    internal static IReadOnlyList<string> CheckTags(IEnumerable<string> tags)
    {
        var errors = new ErrorCollector();
        var kept = new List<string>();
        var index = 0;
        foreach (var tag in tags)
        {
            var trimmed = tag?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTagLength)
            {
                errors.Add($"tags[{index}]", "shortlist.tag_invalid", $"a tag has 1 to {MaxTagLength} characters.");
            }
            else if (errors.RequireText(TextRule.SingleLine, tag, $"tags[{index}]") && !kept.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(trimmed);
            }

            index++;
        }

        errors.ThrowIfAny(nameof(tags));
        return kept.AsReadOnly();
    }

    internal static string? CheckNote(string? note) =>
        note is null || note.Length <= MaxNoteLength
            ? TextRule.MultiLine.Require(note, nameof(note))
            : throw DomainValidationException.Of(nameof(note), "shortlist.note_too_long", $"a note has at most {MaxNoteLength} characters, got {note.Length}.");
}

/// <summary>What <see cref="Shortlist.Add"/> did: listed the creator (the new <see cref="ShortlistEntry"/>) or found them listed already.</summary>
[Union]
public sealed partial class ShortlistAddResult : OneOfBase<ShortlistEntry, AlreadyListed>
{
    /// <summary>Whether the creator was added by this call.</summary>
    public bool Added => IsT0;
}

/// <summary>The outcome "the creator is on the shortlist already": nothing was changed.</summary>
/// <param name="Creator">The creator.</param>
public sealed record AlreadyListed(CreatorId Creator);

/// <summary>A shortlist was created.</summary>
/// <param name="Shortlist">The shortlist.</param>
/// <param name="Owner">The brand that owns it.</param>
/// <param name="Name">Its name.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ShortlistCreated(ShortlistId Shortlist, BrandId Owner, string Name, Instant OccurredAt) : IDomainEvent;

/// <summary>A shortlist was renamed.</summary>
/// <param name="Shortlist">The shortlist.</param>
/// <param name="Name">The new name.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ShortlistRenamed(ShortlistId Shortlist, string Name, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator was listed.</summary>
/// <param name="Shortlist">The shortlist.</param>
/// <param name="Entry">The entry.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ShortlistEntryAdded(ShortlistId Shortlist, ShortlistEntry Entry, Instant OccurredAt) : IDomainEvent;

/// <summary>A creator was taken off the list.</summary>
/// <param name="Shortlist">The shortlist.</param>
/// <param name="Creator">The creator.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ShortlistEntryRemoved(ShortlistId Shortlist, CreatorId Creator, Instant OccurredAt) : IDomainEvent;

/// <summary>A listed creator's tags or note changed.</summary>
/// <param name="Shortlist">The shortlist.</param>
/// <param name="Entry">The entry as it is now.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ShortlistEntryAnnotated(ShortlistId Shortlist, ShortlistEntry Entry, Instant OccurredAt) : IDomainEvent;

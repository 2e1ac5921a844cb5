using CreatorMarketplace.Discovery;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class ShortlistTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private readonly FakeClock _clock = new(Now);

    private Shortlist NewShortlist()
    {
        var shortlist = Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), " Spring launch ", _clock);
        shortlist.MarkStored(1);
        return shortlist;
    }

    [Fact]
    public void A_creator_is_listed_once_with_tags_and_a_note()
    {
        var shortlist = NewShortlist();
        var creator = EntityId.New<CreatorId>(_clock);

        var first = shortlist.Add(creator, _clock, ["beauty", "Beauty", " top pick "], "great hooks");
        var second = shortlist.Add(creator, _clock, ["other"]);

        first.Added.ShouldBeTrue();
        first.AsT0.Tags.ShouldBe(["beauty", "top pick"]);
        second.Added.ShouldBeFalse();
        second.AsT1.ShouldBe(new AlreadyListed(creator));
        shortlist.Entries.ShouldHaveSingleItem().Note.ShouldBe("great hooks");
        shortlist.Name.ShouldBe("Spring launch");
        shortlist.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<ShortlistEntryAdded>();
    }

    [Fact]
    public void Bad_tags_are_all_named_and_nothing_is_listed()
    {
        var shortlist = NewShortlist();

        var error = Should.Throw<DomainValidationException>(() => shortlist.Add(EntityId.New<CreatorId>(_clock), _clock, ["ok", " ", new string('x', 41)]));

        error.Errors.Select(e => e.Field).ShouldBe(["tags[1]", "tags[2]"]);
        shortlist.Entries.ShouldBeEmpty();
        shortlist.PendingEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Annotating_and_removing_change_only_what_is_there()
    {
        var shortlist = NewShortlist();
        var creator = EntityId.New<CreatorId>(_clock);
        shortlist.Add(creator, _clock, ["a"]);

        shortlist.Annotate(creator, ["a"], null, _clock);
        shortlist.Annotate(creator, ["a", "b"], "call Monday", _clock);
        Should.Throw<ArgumentException>(() => shortlist.Annotate(EntityId.New<CreatorId>(_clock), [], null, _clock)).Message.ShouldContain("not on the shortlist");
        shortlist.Remove(creator, _clock).ShouldBeTrue();
        shortlist.Remove(creator, _clock).ShouldBeFalse();

        shortlist.PendingEvents.Select(e => e.GetType().Name).ShouldBe([nameof(ShortlistEntryAdded), nameof(ShortlistEntryAnnotated), nameof(ShortlistEntryRemoved)]);
    }

    [Fact]
    public void A_saved_search_keeps_a_valid_query_from_its_first_page()
    {
        var cursor = new SearchPosition(0, 5, EntityId.New<CreatorId>(_clock));
        var query = new CreatorQuery { Countries = [Country.US], Sort = CreatorSort.Followers, After = cursor };

        var saved = SavedSearch.Save(EntityId.New<SavedSearchId>(_clock), EntityId.New<BrandId>(_clock), "US creators", query, _clock);

        saved.Query.After.ShouldBeNull();
        saved.Query.Countries.ShouldBe([Country.US]);
        saved.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<SavedSearchChanged>();
    }

    [Fact]
    public void An_invalid_saved_search_names_every_problem_with_its_path()
    {
        var error = Should.Throw<DomainValidationException>(() =>
            SavedSearch.Save(EntityId.New<SavedSearchId>(_clock), default, "", new CreatorQuery { Followers = new(10, 1), PageSize = 0 }, _clock));

        error.Errors.Select(e => e.Field).ShouldBe(["owner", "name", "query.Followers", "query.PageSize"]);
    }

    [Fact]
    public void A_shortlist_restored_from_its_snapshot_holds_the_same_and_answers_the_same()
    {
        var shortlist = NewShortlist();
        var kept = EntityId.New<CreatorId>(_clock);
        shortlist.Add(kept, _clock, ["beauty"], "note");
        shortlist.Add(EntityId.New<CreatorId>(_clock), _clock);

        var restored = Shortlist.FromSnapshot(shortlist.ToSnapshot(), 7);

        restored.Version.ShouldBe(7);
        restored.PendingEvents.ShouldBeEmpty();
        restored.ToSnapshot().ShouldBeEquivalentTo(shortlist.ToSnapshot());
        restored.Add(kept, _clock).Added.ShouldBeFalse();
        restored.Remove(kept, _clock).ShouldBeTrue();
        shortlist.Entries.Count.ShouldBe(2, "restoring shares no list with the original");
    }

    [Fact]
    public void A_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var creator = EntityId.New<CreatorId>(_clock);
        var entry = new ShortlistEntry(creator, Now, ["beauty", "Beauty"], null);
        var snapshot = new ShortlistSnapshot(EntityId.New<ShortlistId>(_clock), default, " padded ", Now, [entry, entry with { Tags = [] }]);

        var error = Should.Throw<DomainValidationException>(() => Shortlist.FromSnapshot(snapshot, 1));

        error.Errors.Select(e => e.Field).ShouldBe(["Owner", "Name", "Entries[0].Tags", "Entries[1].Creator"]);
        Should.Throw<ArgumentOutOfRangeException>(() => Shortlist.FromSnapshot(NewShortlist().ToSnapshot(), 0));
    }
}

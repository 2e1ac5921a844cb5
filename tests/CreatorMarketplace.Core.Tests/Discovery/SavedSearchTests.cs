using CreatorMarketplace.Discovery;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class SavedSearchTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);
    private readonly FakeClock _clock = new(Now);

    private SavedSearch NewSavedSearch(CreatorQuery query)
    {
        var search = SavedSearch.Save(EntityId.New<SavedSearchId>(_clock), EntityId.New<BrandId>(_clock), " US creators ", query, _clock);
        search.MarkStored(1);
        return search;
    }

    [Property]
    public Property A_saved_search_restored_from_its_snapshot_holds_the_same_at_the_version_stored() =>
        Prop.ForAll(
            Gen.Zip(AggregateGenerators.SavedSearches(), Gen.Choose(1, int.MaxValue), (search, version) => (Search: search, Version: (long)version)).ToArbitrary(),
            generated =>
            {
                var (search, version) = generated;
                var snapshot = search.ToSnapshot();

                var restored = SavedSearch.FromSnapshot(snapshot, version);

                restored.ToSnapshot().ShouldBeEquivalentTo(snapshot);
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
                restored.Query.ShouldBe(search.Query);
            });

    [Fact]
    public void A_restored_saved_search_answers_the_next_commands_as_the_original_does()
    {
        var query = new CreatorQuery { Countries = [Country.US], Sort = CreatorSort.Followers };
        var search = NewSavedSearch(query);

        var restored = SavedSearch.FromSnapshot(search.ToSnapshot(), 4);

        _clock.AdvanceMinutes(5);
        foreach (var subject in new[] { search, restored })
        {
            subject.Change(" US creators", subject.Query, _clock);
            subject.Change("US creators, by views", subject.Query with { Sort = CreatorSort.MedianViews }, _clock);
        }

        restored.PendingEvents.ShouldBe(search.PendingEvents);
        restored.PendingEvents.ShouldHaveSingleItem().ShouldBeOfType<SavedSearchChanged>().Name.ShouldBe("US creators, by views");
        restored.Query.Sort.ShouldBe(CreatorSort.MedianViews);
        restored.SavedAt.ShouldBe(Now);
        Should.Throw<DomainValidationException>(() => restored.Change("", query with { PageSize = 0 }, _clock)).Errors.Select(e => e.Field)
            .ShouldBe(Should.Throw<DomainValidationException>(() => search.Change("", query with { PageSize = 0 }, _clock)).Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_saved_search_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var valid = NewSavedSearch(new CreatorQuery { Sort = CreatorSort.Followers }).ToSnapshot();
        var cursor = new SearchPosition(0, 5, EntityId.New<CreatorId>(_clock));
        var snapshot = valid with
        {
            Owner = default,
            Name = " padded ",
            Query = valid.Query with { Followers = new(10, 1), PageSize = 0, After = cursor },
        };

        var error = Should.Throw<DomainValidationException>(() => SavedSearch.FromSnapshot(snapshot, 1));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Owner", "saved_search.owner_missing"),
            ("Name", "saved_search.name_invalid"),
            ("Query.Followers", "query.min_above_max"),
            ("Query.PageSize", "query.page_size_out_of_range"),
            ("Query.After", "saved_search.query_has_cursor"),
        ]);
        Should.Throw<DomainValidationException>(() => SavedSearch.FromSnapshot(valid with { Id = default, Name = " ", Query = null! }, 1))
            .Errors.Select(e => e.Field).ShouldBe(["Id", "Name", "Query"]);
        Should.Throw<ArgumentOutOfRangeException>(() => SavedSearch.FromSnapshot(valid, 0));
    }
}

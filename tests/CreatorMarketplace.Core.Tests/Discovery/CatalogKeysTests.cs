using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>A listing's bitmap ordinals are added after those already collected, as a load's batch keeps them in one list a block.</summary>
public sealed class CatalogKeysTests
{
    private static readonly IReadOnlyList<CreatorListing> Listings =
        new CreatorGenerator(71, new FakeClock(Instant.FromUtc(2026, 12, 6, 0, 0))).Generate(2).Select(creator => creator.ToListing()).ToList();

    [Fact]
    public void A_listing_whose_keys_are_known_adds_its_ordinals_after_those_before()
    {
        var keys = CatalogKeys.Empty.Including(Listings.ToList());
        List<int> alone = [];
        keys.TryCollect(Listings[1], alone, out var peerGroupAlone).ShouldBeTrue();

        List<int> ordinals = [];
        keys.TryCollect(Listings[0], ordinals, out _).ShouldBeTrue();
        var first = ordinals.ToList();
        keys.TryCollect(Listings[1], ordinals, out var peerGroup).ShouldBeTrue();

        ordinals.ShouldBe(first.Concat(alone));
        peerGroup.ShouldBe(peerGroupAlone);
    }

    [Fact]
    public void A_listing_with_a_new_key_leaves_the_ordinals_collected_before_as_they_were()
    {
        var keys = CatalogKeys.Empty.Including([Listings[0]]);
        List<int> ordinals = [];
        keys.TryCollect(Listings[0], ordinals, out _).ShouldBeTrue();
        var before = ordinals.ToList();

        // A listing of another peer group fails at its first key; one of the same peer group with a new language
        // fails after adding some ordinals, which must go too.
        var newLanguage = CreatorListing.Create(
            CreatorId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8060")),
            1,
            Listings[0].RegisteredAt,
            Listings[0].Profile with { Languages = [.. Listings[0].Profile.Languages, Language.List.First(language => !Listings[0].Profile.Languages.Contains(language))] },
            Listings[0].Accounts,
            Listings[0].Audience,
            Listings[0].RateCard,
            Listings[0].Badges,
            Listings[0].OnVacation,
            Listings[0].PastCampaignCount,
            Listings[0].ComplianceHistory);

        keys.TryCollect(newLanguage, ordinals, out _).ShouldBeFalse();
        ordinals.ShouldBe(before);
    }
}

using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;
using CreatorMarketplace.Scoring;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>
/// A listing's bitmap ordinals are those of its keys in the maps the searches read, found by the writer's own lookups,
/// and are added after those already collected, as a load's batch keeps them in one list a block.
/// </summary>
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

    [Fact]
    public void The_ordinals_and_the_peer_group_are_those_the_maps_give_for_each_key()
    {
        var listings = new CreatorGenerator(72, new FakeClock(Instant.FromUtc(2026, 12, 7, 0, 0))).Generate(500).Select(creator => creator.ToListing()).ToList();
        var keys = CatalogKeys.Empty.Including(listings);
        listings.Select(PeerGroup.Of).Distinct().Count().ShouldBeGreaterThan(20);

        foreach (var listing in listings)
        {
            List<int> ordinals = [];
            keys.TryCollect(listing, ordinals, out var peerGroup).ShouldBeTrue();

            ordinals.Order().ShouldBe(OrdinalsInTheMaps(keys, listing).Order(), $"the ordinals of {listing.Id}");
            keys.PeerGroups[peerGroup].ShouldBe(PeerGroup.Of(listing));
        }
    }

    [Fact]
    public void Every_country_currency_and_language_is_found_once_it_is_known()
    {
        var listing = Listings[0];
        List<CreatorListing> listings =
        [
            .. Country.List.Select(country => With(listing, listing.Profile with { HomeCountry = country })),
            .. Language.List.Select(language => With(listing, listing.Profile with { Languages = [language] })),
            .. Currency.List.Select(currency => With(listing, listing.Profile, RateCard.Create(currency, [], negotiable: true))),
        ];
        var keys = CatalogKeys.Empty.Including(listings);

        foreach (var each in listings)
        {
            List<int> ordinals = [];
            keys.TryCollect(each, ordinals, out _).ShouldBeTrue();
            ordinals.Order().ShouldBe(OrdinalsInTheMaps(keys, each).Order());
        }

        keys.Countries.Count.ShouldBe(Country.List.Count);
        keys.Languages.Count.ShouldBe(Language.List.Count);
        keys.Currencies.Count.ShouldBe(Currency.List.Count);
    }

    [Fact]
    public void A_new_combination_of_known_keys_is_a_new_peer_group()
    {
        var (first, second) = (Listings[0], Listings[1]);
        var labels = (First: new ContentLabel("cooking"), Second: new ContentLabel("travel"));
        var one = With(first, first.Profile with { HomeCountry = Country.KR, ContentLabels = [labels.First] });
        var other = With(first, first.Profile with { HomeCountry = Country.BR, ContentLabels = [labels.Second] });
        var keys = CatalogKeys.Empty.Including([one, other, second]);

        // Its country, its label and its tier are each known; together they are not.
        var mixed = With(first, first.Profile with { HomeCountry = Country.KR, ContentLabels = [labels.Second] });
        List<int> ordinals = [];
        keys.TryCollect(mixed, ordinals, out _).ShouldBeFalse();
        ordinals.ShouldBeEmpty();

        var more = keys.Including([mixed]);
        more.TryCollect(mixed, ordinals, out var peerGroup).ShouldBeTrue();
        more.PeerGroups[peerGroup].ShouldBe(PeerGroup.Of(mixed));
        peerGroup.ShouldBe(keys.PeerGroups.Count);

        // The maps it added nothing to are shared, not copied.
        more.Countries.ShouldBeSameAs(keys.Countries);
        more.ContentLabels.ShouldBeSameAs(keys.ContentLabels);
        more.Count.ShouldBe(keys.Count);
    }

    // What the ordinals are, spelled out from the maps the searches read.
    private static IEnumerable<int> OrdinalsInTheMaps(CatalogKeys keys, CreatorListing listing)
    {
        var profile = listing.Profile;
        return
        [
            .. listing.Badges.Contains(Badge.Responsive) ? [CatalogKeys.Responsive] : Array.Empty<int>(),
            .. listing.OnVacation ? [CatalogKeys.OnVacation] : Array.Empty<int>(),
            CatalogKeys.TierOrdinal(listing.Tier),
            keys.Countries[profile.HomeCountry],
            .. profile.Languages.Select(language => keys.Languages[language]),
            .. profile.ContentLabels.Select(label => keys.ContentLabels[label]),
            .. profile.IndustryLabels.Select(label => keys.IndustryLabels[label]),
            .. listing.RateCard is { } rateCard ? [keys.Currencies[rateCard.Currency]] : Array.Empty<int>(),
        ];
    }

    private static CreatorListing With(CreatorListing listing, CreatorProfile profile, RateCard? rateCard = null) =>
        CreatorListing.Create(CreatorId.From(Guid.NewGuid()), 1, listing.RegisteredAt, profile, listing.Accounts, listing.Audience, rateCard ?? listing.RateCard, listing.Badges, listing.OnVacation, listing.PastCampaignCount, listing.ComplianceHistory);
}

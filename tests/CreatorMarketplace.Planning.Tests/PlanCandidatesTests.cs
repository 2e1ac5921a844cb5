using CreatorMarketplace.Brands;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Testing;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Planning.Tests;

public class PlanCandidatesTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 0, 0);
    private static readonly BrandId Glow = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057"));
    private static readonly BrandId Rival = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8058"));
    private static readonly IndustryLabel Cosmetics = new("cosmetics");

    [Fact]
    public void Listings_become_candidates_priced_from_their_rate_cards_and_the_ineligible_conflicted_and_unpriced_are_left_out_with_why()
    {
        var clock = new FakeClock(Now);
        var creators = new CreatorGenerator(2027, clock).Generate(12).OrderByDescending(creator => creator.PrimaryAccount.Stats.Followers).Take(5).ToList();
        Price(creators[0], clock, Currency.USD, (DeliverableType.ShortVideo, 6_000m), (DeliverableType.Story, 1_500m));
        Price(creators[1], clock, Currency.USD, (DeliverableType.ShortVideo, 9_000m));
        Price(creators[2], clock, Currency.EUR, (DeliverableType.ShortVideo, 7_000m));
        Price(creators[3], clock, Currency.USD, (DeliverableType.LiveStream, 2_000m));
        Price(creators[4], clock, Currency.USD, (DeliverableType.ShortVideo, 3_000m));
        var listings = creators.Select(creator => creator.ToListing()).ToList();
        var contract = ExclusiveTo(Glow, creators[1].Id, clock);

        // The fewest followers fail the campaign's rule; a rival's cosmetics video would break creator 1's exclusivity.
        var selection = PlanCandidates.FromListings(
            listings,
            Currency.USD,
            [DeliverableType.ShortVideo, DeliverableType.Story],
            (listing, type) => listing.PrimaryAccount.Stats.Followers / (type == DeliverableType.Story ? 10d : 1d),
            CreatorRules.MinimumFollowers(creators[3].PrimaryAccount.Stats.Followers),
            Now,
            [contract],
            new ProposedEngagement(Rival, [Cosmetics], Now, Now + Duration.FromDays(30)));

        selection.Candidates.Select(candidate => (candidate.Creator, candidate.Deliverable, candidate.Price)).ShouldBe(
        [
            (creators[0].Id, DeliverableType.ShortVideo.Name, Money.Of(6_000m, Currency.USD)),
            (creators[0].Id, DeliverableType.Story.Name, Money.Of(1_500m, Currency.USD)),
        ]);
        selection.Candidates[0].ShouldSatisfyAllConditions(
            candidate => candidate.Name.ShouldBe(listings[0].PrimaryAccount.Handle.ToString()),
            candidate => candidate.Market.ShouldBe(listings[0].Profile.HomeCountry),
            candidate => candidate.Tier.ShouldBe(listings[0].Tier),
            candidate => candidate.ExpectedValue.ShouldBe(listings[0].PrimaryAccount.Stats.Followers));
        selection.LeftOut.Select(left => (left.Listing.Id, left.Reason)).ShouldBe(
        [
            (creators[1].Id, LeftOutReason.Conflicted),
            (creators[2].Id, LeftOutReason.NoRate),
            (creators[3].Id, LeftOutReason.NoRate),
            (creators[4].Id, LeftOutReason.Ineligible),
        ]);
        selection.LeftOut[0].Conflicts.ShouldHaveSingleItem().Contract.ShouldBe(contract.Id);
        selection.LeftOut[0].Detail.ShouldStartWith($"contract {contract.Id}: category cosmetics is exclusive to brand {Glow}");
        selection.LeftOut[1].Detail.ShouldBe("the rate card is in EUR, not USD.");
        selection.LeftOut[2].Detail.ShouldBe("the rate card prices none of ShortVideo, Story.");
        selection.LeftOut[3].Failures.ShouldHaveSingleItem().Rule.ShouldBe("min-followers");
        selection.LeftOut[3].ToString().ShouldStartWith($"{listings[4].PrimaryAccount.Handle}: ineligible: min-followers: ");
    }

    [Fact]
    public void A_creator_without_a_rate_card_is_left_out_and_no_deliverable_is_refused()
    {
        var clock = new FakeClock(Now);
        var listing = new CreatorGenerator(7, clock).Generate(1).Single();
        listing.SetRateCard(null, clock);
        var proposal = new ProposedEngagement(Rival, [], Now, Now + Duration.FromDays(1));

        PlanCandidates.FromListings([listing.ToListing()], Currency.USD, [DeliverableType.ShortVideo], (_, _) => 1d, CreatorRules.MinimumFollowers(0), Now, [], proposal)
            .LeftOut.ShouldHaveSingleItem().Detail.ShouldBe("no rate card.");
        Should.Throw<DomainValidationException>(() => PlanCandidates.FromListings([], Currency.USD, [], (_, _) => 1d, CreatorRules.MinimumFollowers(0), Now, [], proposal))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("planning.deliverables_required");
    }

    private static void Price(Creator creator, FakeClock clock, Currency currency, params (DeliverableType Type, decimal Amount)[] prices) =>
        creator.SetRateCard(RateCard.Create(currency, prices.Select(price => KeyValuePair.Create(price.Type, Money.Of(price.Amount, currency))), negotiable: true), clock);

    // A signed contract whose cosmetics exclusivity runs from now for 60 days.
    private static Contract ExclusiveTo(BrandId brand, CreatorId creator, FakeClock clock)
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var terms = new ContractTerms
        {
            Fee = Money.Of(2_000m, Currency.USD),
            Deliverables = [new ContractDeliverable("spring-video", DeliverableType.ShortVideo, Platform.TikTok, 1, PostingWindow.Create(new LocalDateTime(2027, 3, 3, 9, 0), new LocalDateTime(2027, 3, 3, 18, 0), zone))],
            Revisions = new RevisionPolicy(1, Duration.FromHours(48)),
            Exclusivity = new Exclusivity { Categories = [Cosmetics], Start = Now, End = Now + Duration.FromDays(60) },
            PaymentTerms = new PaymentTermsReference("net-30"),
            Cancellation = new CancellationTerms(7, Money.Of(100m, Currency.USD)),
            Disclosure = new DisclosureDuty([Country.US]),
        };
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), brand, creator, terms, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Leo Glows", 1, clock).ThrowIfNotAllowed();
        return contract;
    }
}

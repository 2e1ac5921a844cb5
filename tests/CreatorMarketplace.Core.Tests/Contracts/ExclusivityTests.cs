using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using NodaTime;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class ExclusivityTests
{
    private static readonly BrandId Other = BrandId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8061"));
    private static readonly Instant ExclusiveEnd = GrantStart + Duration.FromDays(60);

    private static ProposedEngagement Offer(BrandId brand, IndustryLabel? category = null, Instant? start = null, Instant? end = null) =>
        new(brand, category is { } c ? [c] : [], start ?? GrantStart + Duration.FromDays(10), end ?? GrantStart + Duration.FromDays(20));

    [Fact]
    public void An_offer_in_the_same_category_inside_the_window_conflicts_naming_the_contract()
    {
        var contract = Active(Clock());

        var conflict = ExclusivityConflicts.For([contract], Maya, Offer(Other, Cosmetics)).ShouldHaveSingleItem();

        conflict.Contract.ShouldBe(contract.Id);
        conflict.HeldBy.ShouldBe(Glow);
        conflict.Reason.ShouldBe($"category cosmetics is exclusive to brand {Glow} from 2026-12-11T00:00:00Z to 2026-12-21T00:00:00Z.");
    }

    [Fact]
    public void A_named_competitor_conflicts_in_any_category()
    {
        var conflict = ExclusivityConflicts.For([Active(Clock())], Maya, Offer(Rival, new IndustryLabel("snacks"))).ShouldHaveSingleItem();

        conflict.Reason.ShouldStartWith($"brand {Rival} is a named competitor of brand {Glow}");
    }

    [Fact]
    public void The_window_end_is_exclusive_and_other_categories_the_same_brand_and_unsigned_contracts_do_not_conflict()
    {
        var clock = Clock();
        var contract = Active(clock);

        ExclusivityConflicts.For([contract], Maya, Offer(Other, Cosmetics, start: ExclusiveEnd, end: ExclusiveEnd + Duration.FromDays(5))).ShouldBeEmpty();
        ExclusivityConflicts.For([contract], Maya, Offer(Other, Cosmetics, start: ExclusiveEnd - Duration.Epsilon, end: ExclusiveEnd + Duration.FromDays(5))).Count.ShouldBe(1);
        ExclusivityConflicts.For([contract], Maya, Offer(Other, new IndustryLabel("snacks"))).ShouldBeEmpty();
        ExclusivityConflicts.For([contract], Maya, Offer(Glow, Cosmetics)).ShouldBeEmpty();
        ExclusivityConflicts.For([Draft(clock)], Maya, Offer(Other, Cosmetics)).ShouldBeEmpty();
    }

    [Fact]
    public void A_termination_ends_the_exclusivity()
    {
        var clock = Clock();
        var contract = Active(clock);
        clock.Reset(GrantStart + Duration.FromDays(5));
        contract.Terminate(ContractParty.Brand, "campaign cancelled", clock).ThrowIfNotAllowed();

        ExclusivityConflicts.For([contract], Maya, Offer(Other, Cosmetics)).ShouldBeEmpty();
        ExclusivityConflicts.For([contract], Maya, Offer(Other, Cosmetics, start: GrantStart)).Count.ShouldBe(1);
    }

    [Fact]
    public void Discovery_leaves_out_creators_under_a_conflicting_exclusivity()
    {
        var clock = Clock();
        var creators = new CreatorGenerator(seed: 5, clock).Generate(3).ToList();
        var contract = Active(clock, creator: creators[1].Id);

        var excluded = ExclusivityConflicts.CreatorsInConflict([contract], Offer(Other, Cosmetics));
        var query = new CreatorQuery { Excluded = excluded };

        excluded.ShouldBe([creators[1].Id]);
        creators.Select(c => c.ToListing()).Where(query.Matches).Select(l => l.Id).ShouldBe([creators[0].Id, creators[2].Id]);
    }

    [Fact]
    public void A_proposal_that_ends_before_it_starts_is_refused()
    {
        Should.Throw<DomainValidationException>(() => ExclusivityConflicts.For([], Maya, Offer(Other, start: GrantStart, end: GrantStart)))
            .Errors.ShouldHaveSingleItem().Field.ShouldBe("End");
    }
}

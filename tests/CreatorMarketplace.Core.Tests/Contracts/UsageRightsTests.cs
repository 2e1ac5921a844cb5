using CreatorMarketplace.Contracts;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class UsageRightsTests
{
    private static readonly Instant Inside = GrantStart + Duration.FromDays(10);

    private static UsageRequest Use(UsageChannel channel, Country territory, Instant at, string deliverable = "launch-video") =>
        new(deliverable, channel, territory, at);

    [Fact]
    public void A_use_inside_a_grant_is_permitted_by_that_grant()
    {
        var contract = Active(Clock());

        var decision = contract.MayUse(Use(UsageChannel.Organic, Country.CA, Inside));

        decision.IsPermitted.ShouldBeTrue();
        decision.AsT0.ShouldBe(new Permitted(1, 1, Grant()));
    }

    [Fact]
    public void The_start_is_inclusive_and_the_end_exclusive()
    {
        var contract = Active(Clock());

        contract.MayUse(Use(UsageChannel.Organic, Country.US, GrantStart)).IsPermitted.ShouldBeTrue();
        contract.MayUse(Use(UsageChannel.Organic, Country.US, GrantEnd - Duration.Epsilon)).IsPermitted.ShouldBeTrue();
        contract.MayUse(Use(UsageChannel.Organic, Country.US, GrantEnd)).Reasons.ShouldHaveSingleItem().ShouldBe(new RightsDenial(1, "rights.expired", "grant 1: the term expired at 2027-03-01T00:00:00Z."));
        contract.MayUse(Use(UsageChannel.Organic, Country.US, GrantStart - Duration.Epsilon)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.not_yet_started");
    }

    [Fact]
    public void A_denial_gives_every_reason_of_every_grant()
    {
        var web = Grant(UsageChannel.Web) with { Territories = Territories.Worldwide, Term = RightsTerm.Between(GrantStart, GrantStart + Duration.FromDays(5)) };
        var contract = Active(Clock(), Terms(Grant(UsageChannel.Organic), web));

        var decision = contract.MayUse(Use(UsageChannel.Email, Country.DE, Inside));

        decision.Reasons.Select(r => (r.Grant, r.Code)).ShouldBe([
            (1, "rights.channel_not_granted"), (1, "rights.territory_not_covered"),
            (2, "rights.channel_not_granted"), (2, "rights.expired"),
        ]);
        decision.Reasons[1].Message.ShouldBe("grant 1: DE is not covered (covered: CA, US).");
    }

    [Fact]
    public void Nothing_is_permitted_before_both_parties_have_signed_or_after_a_termination()
    {
        var clock = Clock();
        var draft = Draft(clock);
        draft.MayUse(Use(UsageChannel.Organic, Country.US, Inside)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.contract_not_signed");

        var active = Active(clock);
        var signedAt = clock.GetCurrentInstant();
        active.MayUse(Use(UsageChannel.Organic, Country.US, signedAt - Duration.Epsilon)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.contract_not_yet_signed");
        clock.Reset(Inside);
        active.Terminate(ContractParty.Creator, "brand missed a payment", clock).ThrowIfNotAllowed();

        active.MayUse(Use(UsageChannel.Organic, Country.US, Inside - Duration.Epsilon)).IsPermitted.ShouldBeTrue();
        active.MayUse(Use(UsageChannel.Organic, Country.US, Inside)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.contract_terminated");
    }

    [Fact]
    public void An_unknown_deliverable_and_a_version_without_grants_are_denied()
    {
        Active(Clock()).MayUse(Use(UsageChannel.Organic, Country.US, Inside, "teaser")).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.unknown_deliverable");
        Active(Clock(), Terms() with { Grants = [] }).MayUse(Use(UsageChannel.Organic, Country.US, Inside)).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.not_granted");
    }

    [Fact]
    public void The_version_in_force_at_the_instant_decides()
    {
        var clock = Clock();
        var contract = Active(clock);
        clock.Reset(Inside);
        contract.Amend(Terms(Grant(UsageChannel.Organic)), "no paid use", clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();

        contract.MayUse(Use(UsageChannel.Web, Country.US, Inside - Duration.Epsilon)).Reasons.ShouldAllBe(r => r.Code == "rights.channel_not_granted");
        contract.MayUse(Use(UsageChannel.Organic, Country.US, Inside)).AsT0.Version.ShouldBe(2);
    }

    [Fact]
    public void Paid_amplification_on_tiktok_needs_a_valid_spark_ads_authorisation()
    {
        var clock = Clock();
        var contract = Active(clock);
        var paid = Use(UsageChannel.PaidAmplification, Country.US, Inside);

        contract.MayUse(paid).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.spark_ads_not_authorized");

        var request = SparkAdsAuthorization.Request(contract.Id, "launch-video", "7301", 30, clock);
        contract.MayUse(paid, request).Reasons.ShouldHaveSingleItem().Message.ShouldBe("the Spark Ads authorisation of post 7301 is waiting.");
        clock.Reset(Inside - Duration.FromDays(1));
        var accepted = request.Accept("AUTH-CODE-1", clock).GetValueOrThrow();

        contract.MayUse(paid, accepted).IsPermitted.ShouldBeTrue();
        contract.MayUse(paid with { At = accepted.ValidUntil!.Value }, accepted).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.spark_ads_code_expired");
        var deleted = accepted.Delete(clock).GetValueOrThrow();
        contract.MayUse(paid, deleted).Reasons.ShouldHaveSingleItem().Code.ShouldBe("rights.spark_ads_code_deleted");
        Should.Throw<ArgumentException>(() => contract.MayUse(paid with { Deliverable = "other" }, accepted));
    }

    [Fact]
    public void A_grant_whose_term_was_never_set_is_refused_rather_than_read_as_perpetual_from_1970()
    {
        var unset = Grant(UsageChannel.Organic) with { Term = default };

        unset.Validate().ShouldHaveSingleItem().ShouldBe(new DomainError("Term", "contract.term_missing", "a grant names its term (RightsTerm.Between, For or Perpetual); an unset one would read as perpetual from 1970."));
        Should.Throw<DomainValidationException>(() => Draft(new FakeClock(Now), Terms(unset))).Errors.ShouldContain(error => error.Field == "Grants[0].Term");
        RightsTerm.Perpetual(Instant.FromUnixTimeTicks(0)).ShouldNotBe(default, "a perpetual term made from 1970 is a term");
    }

    [Fact]
    public void The_terms_a_contract_holds_are_its_own_copy_and_do_not_change_with_the_callers_arrays()
    {
        var channels = new[] { UsageChannel.Organic };
        var grants = new[] { Grant(channels) };
        var contract = Active(new FakeClock(Now), Terms(grants));
        var printInGermany = new UsageRequest("launch-video", UsageChannel.PrintAndOutOfHome, Country.DE, GrantStart + Duration.FromDays(10));

        channels[0] = UsageChannel.PrintAndOutOfHome;
        grants[0] = Grant(UsageChannel.PrintAndOutOfHome) with { Territories = Territories.Worldwide, Term = RightsTerm.Perpetual(GrantStart) };

        contract.MayUse(printInGermany).IsPermitted.ShouldBeFalse();
        contract.InForce!.Terms.Grants.ShouldHaveSingleItem().Channels.ShouldBe([UsageChannel.Organic]);
    }

    [Fact]
    public void A_spark_ads_code_is_not_used_then_in_use_then_expired_and_extends_from_its_end_until_it_expires()
    {
        var clock = new FakeClock(Now);
        var request = SparkAdsAuthorization.Request(ContractId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8060")), "launch-video", "7301", 30, clock);
        request.CodeStatusAt(Now).ShouldBeNull();

        var accepted = request.Accept("AUTH-CODE-1", clock, approvedDays: 60).GetValueOrThrow();
        accepted.Status.ShouldBe(SparkAdsStatus.Accepted);
        accepted.ValidUntil.ShouldBe(Now + Duration.FromDays(60));
        accepted.CodeStatusAt(Now).ShouldBe(AuthCodeStatus.NotUsed);
        clock.AdvanceDays(1);
        var used = accepted.MarkInUse(clock).GetValueOrThrow();
        used.CodeStatusAt(clock.GetCurrentInstant()).ShouldBe(AuthCodeStatus.InUse);
        used.CodeStatusAt(Now + Duration.FromDays(60)).ShouldBe(AuthCodeStatus.Expired);

        var extended = used.Extend(7, clock).GetValueOrThrow();
        extended.ValidUntil.ShouldBe(Now + Duration.FromDays(67));
        clock.Reset(Now + Duration.FromDays(67) - Duration.Epsilon);
        extended.Extend(7, clock).GetValueOrThrow().ValidUntil.ShouldBe(Now + Duration.FromDays(74));

        // Expired, it stays expired for the days it lapsed: an extension now would make them read as authorised.
        clock.Reset(Now + Duration.FromDays(67));
        var refused = extended.Extend(30, clock).Refusal.ShouldNotBeNull();
        refused.ShouldBe(new NotAllowed("extend", "accepted", $"the code expired at {Now + Duration.FromDays(67)}; ask for a new authorisation."));
        extended.CodeStatusAt(Now + Duration.FromDays(80)).ShouldBe(AuthCodeStatus.Expired);
        extended.ToString().ShouldNotContain("AUTH-CODE-1");
    }

    [Fact]
    public void Spark_ads_actions_outside_their_state_are_refused_and_lengths_must_be_offered()
    {
        var clock = new FakeClock(Now);
        var contract = ContractId.From(Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8060"));
        var request = SparkAdsAuthorization.Request(contract, "launch-video", "7301", 7, clock);
        var rejected = request.Reject(clock).GetValueOrThrow();

        rejected.Accept("CODE", clock).Refusal.ShouldBe(new NotAllowed("accept", "rejected", "the request was already rejected."));
        request.Extend(30, clock).Refusal!.Reason.ShouldBe("the request is waiting, not accepted.");
        request.Status.ShouldBe(SparkAdsStatus.Waiting);
        var deleted = request.Accept("CODE", clock).GetValueOrThrow().Delete(clock).GetValueOrThrow();
        deleted.MarkInUse(clock).Refusal!.Reason.ShouldBe("the code is deleted.");
        Should.Throw<DomainValidationException>(() => SparkAdsAuthorization.Request(contract, "launch-video", "7301", 0, clock))
            .Errors.ShouldHaveSingleItem().ShouldBe(new DomainError("days", "spark_ads.days_not_offered", "an authorisation lasts 7, 30, 60 or 365 days, got 0."));
        Should.Throw<DomainValidationException>(() => request.Accept("CODE", clock, approvedDays: 14)).Errors[0].Field.ShouldBe("approvedDays");
    }

    [Property(MaxTest = 300)]
    public Property Narrowing_a_grant_never_permits_more(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var wide = RandomGrant(random);
        var narrow = Narrowed(wide, random);

        return narrow.IsWithin(wide).Label("narrow.IsWithin(wide)")
            .And((Requests(random).All(r => !narrow.Permits(r.Channel, r.Territory, r.At) || wide.Permits(r.Channel, r.Territory, r.At))).Label("Narrowing a grant never permits more (2)"));
    }

    [Property(MaxTest = 200)]
    public Property Any_permitted_use_is_inside_some_grant_of_the_version_in_force(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var grants = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomGrant(random)).ToArray();
        var contract = Active(Clock(), Terms(grants));

        return (Requests(random).All(request =>
        {
            var decision = contract.MayUse(new("launch-video", request.Channel, request.Territory, request.At));
            var inSome = grants.Any(g => g.Permits(request.Channel, request.Territory, request.At));
            return decision.IsPermitted
                ? inSome && decision.AsT0.Grant.Permits(request.Channel, request.Territory, request.At) && grants[decision.AsT0.GrantNumber - 1] == decision.AsT0.Grant
                : !inSome || request.Channel == UsageChannel.PaidAmplification || contract.VersionInForceAt(request.At) is null;
        })).Label("Any permitted use is inside some grant of the version in force");
    }

    private static readonly Country[] Countries = [Country.US, Country.CA, Country.GB, Country.DE, Country.FR, Country.JP];

    private static UsageGrant RandomGrant(Random random)
    {
        var start = Now + Duration.FromHours(random.Next(0, 24 * 200));
        return new UsageGrant
        {
            Channels = [.. UsageChannel.List.Where(_ => random.Next(2) == 0).DefaultIfEmpty(UsageChannel.Organic)],
            Territories = random.Next(4) == 0 ? Territories.Worldwide : Territories.Of(Countries.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Country.US)),
            Term = random.Next(5) == 0 ? RightsTerm.Perpetual(start) : RightsTerm.Between(start, start + Duration.FromHours(random.Next(1, 24 * 400))),
        };
    }

    private static UsageGrant Narrowed(UsageGrant grant, Random random)
    {
        var channels = grant.Channels.Where(_ => random.Next(3) > 0).DefaultIfEmpty(grant.Channels[0]).ToArray();
        var territories = grant.Territories.IsWorldwide
            ? (random.Next(2) == 0 ? Territories.Worldwide : Territories.Of(Countries[random.Next(Countries.Length)]))
            : Territories.Of(grant.Territories.Countries.Where(_ => random.Next(3) > 0).DefaultIfEmpty(grant.Territories.Countries[0]));
        var start = grant.Term.Start + Duration.FromHours(random.Next(0, 48));
        var end = grant.Term.End is { } wideEnd ? wideEnd - Duration.FromHours(random.Next(0, 48)) : start + Duration.FromHours(random.Next(1, 24 * 400));
        var term = end > start ? RightsTerm.Between(start, end) : grant.Term;
        return grant with { Channels = channels, Territories = territories, Term = term };
    }

    private static IEnumerable<(UsageChannel Channel, Country Territory, Instant At)> Requests(Random random) =>
        Enumerable.Range(0, 50).Select(_ => (
            UsageChannel.List.ElementAt(random.Next(UsageChannel.List.Count)),
            Countries[random.Next(Countries.Length)],
            Now + Duration.FromHours(random.Next(0, 24 * 700)))).ToArray();
}

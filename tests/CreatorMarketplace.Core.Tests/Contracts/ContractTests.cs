using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using NodaTime;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class ContractTests
{
    [Fact]
    public void A_contract_goes_from_draft_to_sent_to_signed_by_both_to_active_to_completed()
    {
        var clock = Clock();
        var contract = Draft(clock);
        contract.Status.ShouldBe(ContractStatus.Draft);
        contract.PermittedActions.ShouldBe([ContractAction.Send, ContractAction.Amend, ContractAction.Terminate]);

        contract.Send(clock).IsDone.ShouldBeTrue();
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).IsDone.ShouldBeTrue();
        contract.Status.ShouldBe(ContractStatus.Sent);
        contract.InForce.ShouldBeNull();
        clock.AdvanceMinutes(5);
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).IsDone.ShouldBeTrue();

        contract.Status.ShouldBe(ContractStatus.Signed);
        contract.InForce.ShouldBe(contract.Versions[0]);
        contract.Signatures.Select(s => (s.Party, s.Version, s.SignedAt)).ShouldBe([
            (ContractParty.Creator, 1, Now), (ContractParty.Brand, 1, Now + Duration.FromMinutes(5)),
        ]);
        contract.Activate(clock).IsDone.ShouldBeTrue();
        contract.Complete(clock).IsDone.ShouldBeTrue();
        contract.Status.ShouldBe(ContractStatus.Completed);
        contract.PermittedActions.ShouldBeEmpty();
        contract.PendingEvents.Select(e => e.GetType().Name).ShouldBe([
            "ContractDrafted", "ContractStatusChanged", "ContractSent", "ContractSigned", "ContractSigned", "ContractVersionInForce",
            "ContractStatusChanged", "ContractStatusChanged", "ContractStatusChanged",
        ]);
    }

    [Fact]
    public void An_action_the_status_does_not_allow_is_refused_naming_the_action_and_the_state_and_changes_nothing()
    {
        var clock = Clock();
        var contract = Draft(clock);
        var events = contract.PendingEvents.Count;

        var refusals = new[]
        {
            contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).Refusal,
            contract.Activate(clock).Refusal,
            contract.Complete(clock).Refusal,
        };

        refusals.Select(r => (r!.Action, r.State)).ShouldBe([("sign", "draft"), ("activate", "draft"), ("complete", "draft")]);
        refusals[0]!.Reason.ShouldBe("a contract that is draft allows only send, amend, terminate.");
        contract.Status.ShouldBe(ContractStatus.Draft);
        contract.Signatures.ShouldBeEmpty();
        contract.PendingEvents.Count.ShouldBe(events);
    }

    [Fact]
    public void A_party_signs_only_the_newest_version_and_only_once()
    {
        var clock = Clock();
        var contract = Draft(clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Amend(Terms() with { Fee = Money.Of(1_800m, Currency.USD) }, "fee raised", clock).IsDone.ShouldBeTrue();

        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).Refusal!.Reason.ShouldBe("version 1 is not the newest; version 2 is the one to sign.");
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).IsDone.ShouldBeTrue();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).Refusal!.Reason.ShouldBe("the brand has already signed version 2.");
        contract.Signatures.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_signature_on_an_earlier_version_does_not_count_for_a_revision()
    {
        var clock = Clock();
        var contract = Draft(clock);
        contract.Send(clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).ThrowIfNotAllowed();
        contract.Amend(Terms() with { Fee = Money.Of(1_200m, Currency.USD) }, "fee lowered", clock).ThrowIfNotAllowed();

        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).IsDone.ShouldBeTrue();

        contract.Status.ShouldBe(ContractStatus.Sent);
        contract.InForce.ShouldBeNull();
        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).IsDone.ShouldBeTrue();
        contract.InForce!.Number.ShouldBe(2);
    }

    [Fact]
    public void An_amendment_after_signing_is_a_new_version_and_the_old_one_stays_in_force_until_both_sign()
    {
        var clock = Clock();
        var contract = Active(clock);
        var narrower = Grant(UsageChannel.Organic);
        clock.AdvanceDays(1);

        contract.Amend(Terms(narrower) with { Fee = Money.Of(1_800m, Currency.USD) }, "organic only, higher fee", clock).IsDone.ShouldBeTrue();

        contract.Versions.Count.ShouldBe(2);
        contract.HasPendingAmendment.ShouldBeTrue();
        contract.InForce!.Number.ShouldBe(1);
        contract.Versions[0].Terms.Grants.ShouldBe([Grant()]);
        contract.ChangesIn(2).Select(c => c.ToString()).ShouldBe([
            "Fee: USD 1500.00 → USD 1800.00",
            $"Grants[0]: {Grant()} → {narrower}",
        ]);
        contract.PermittedActions.ShouldContain(ContractAction.Sign);

        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();
        contract.InForce.Number.ShouldBe(1);
        clock.AdvanceHours(2);
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).ThrowIfNotAllowed();

        contract.InForce.Number.ShouldBe(2);
        contract.Status.ShouldBe(ContractStatus.Active);
        contract.HasPendingAmendment.ShouldBeFalse();
        contract.VersionInForceAt(clock.GetCurrentInstant() - Duration.FromTicks(1))!.Number.ShouldBe(1);
        contract.VersionInForceAt(clock.GetCurrentInstant())!.Number.ShouldBe(2);
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).Refusal!.Reason.ShouldBe("version 2 is in force and no amendment awaits a signature.");
    }

    [Fact]
    public void Amending_to_the_same_terms_changes_nothing()
    {
        var clock = Clock();
        var contract = Draft(clock);
        var events = contract.PendingEvents.Count;

        contract.Amend(Terms(), "no change", clock).IsDone.ShouldBeTrue();

        contract.Versions.ShouldHaveSingleItem();
        contract.PendingEvents.Count.ShouldBe(events);
    }

    [Fact]
    public void Deliverables_are_compared_by_name_in_a_diff()
    {
        var clock = Clock();
        var contract = Draft(clock);

        contract.Amend(Terms() with { Deliverables = [Video(), Video("teaser") with { Quantity = 2 }] }, "teasers added", clock).ThrowIfNotAllowed();

        var change = contract.ChangesIn(2).ShouldHaveSingleItem();
        change.Field.ShouldBe("Deliverables[teaser]");
        change.Before.ShouldBeNull();
        change.After.ShouldBe("teaser: 2 × ShortVideo on TikTok, 2026-12-03 09:00 to 2026-12-03 18:00 America/New_York");
    }

    [Fact]
    public void Invalid_terms_are_refused_with_every_problem_named_and_the_contract_unchanged()
    {
        var clock = Clock();
        var contract = Draft(clock);
        var bad = Terms(Grant() with { Channels = [] }) with
        {
            Fee = Money.Of(-1m, Currency.USD),
            Deliverables = [Video(), Video() with { Quantity = 0 }],
            Cancellation = new CancellationTerms(-1, Money.Of(10m, Currency.EUR)),
            Exclusivity = new Exclusivity { Competitors = [Glow], Start = GrantStart, End = GrantStart },
        };

        var error = Should.Throw<DomainValidationException>(() => contract.Amend(bad, "bad", clock));

        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Fee", "contract.fee_negative"),
            ("Deliverables[1].Name", "contract.duplicate"),
            ("Deliverables[1].Quantity", "contract.out_of_range"),
            ("Grants[0].Channels", "contract.channels_missing"),
            ("Exclusivity.End", "contract.exclusivity_window"),
            ("Cancellation.NoticeDays", "contract.out_of_range"),
            ("Cancellation.KillFee", "contract.currency_mismatch"),
            ("Exclusivity.Competitors", "contract.own_brand_competitor"),
        ]);
        contract.Versions.ShouldHaveSingleItem();
    }

    [Fact]
    public void Terminating_records_who_why_and_when_and_ends_every_action()
    {
        var clock = Clock();
        var contract = Active(clock);
        clock.AdvanceDays(3);

        contract.Terminate(ContractParty.Brand, "campaign cancelled", clock).IsDone.ShouldBeTrue();

        contract.Termination.ShouldBe(new Termination(ContractParty.Brand, "campaign cancelled", clock.GetCurrentInstant()));
        contract.Terminate(ContractParty.Creator, "again", clock).Refusal!.Reason.ShouldBe("a contract that is terminated allows no action.");
        contract.VersionInForceAt(clock.GetCurrentInstant()).ShouldBeNull();
        contract.VersionInForceAt(clock.GetCurrentInstant() - Duration.FromTicks(1))!.Number.ShouldBe(1);
    }

    [Fact]
    public void Every_status_lists_its_allowed_actions_as_data()
    {
        ContractStatus.List.OrderBy(s => s.Value).Select(s => $"{s}: {string.Join(",", s.PermittedActions)}").ShouldBe([
            "draft: send,amend,terminate",
            "sent: sign,amend,terminate",
            "signed: activate,amend,sign,terminate",
            "active: amend,sign,complete,terminate",
            "completed: ",
            "terminated: ",
        ]);
    }

    [Fact]
    public void The_disclosure_duty_checks_a_post_in_its_jurisdictions()
    {
        var duty = Terms().Disclosure;

        duty.Check("New serum! #skincare", brandedContentFlag: true).Missing.ShouldHaveSingleItem().Jurisdiction.ShouldBe(Country.US);
        duty.Check("New serum! #ad #skincare", brandedContentFlag: false).IsDisclosed.ShouldBeTrue();
        DisclosureDuty.None.Check("no tags", false).IsDisclosed.ShouldBeTrue();
    }
}

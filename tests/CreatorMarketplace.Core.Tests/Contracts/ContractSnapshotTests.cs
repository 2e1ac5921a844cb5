using CreatorMarketplace.Contracts;
using FsCheck.Fluent;
using NodaTime;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class ContractSnapshotTests
{
    [Property(MaxTest = 300)]
    public Property A_contract_restored_from_its_snapshot_holds_the_same_at_the_stored_version() =>
        Prop.ForAll(
            (from contract in AggregateGenerators.Contracts() from version in Gen.Choose(1, int.MaxValue) select (contract, version)).ToArbitrary(),
            sample =>
            {
                var (contract, version) = sample;

                var restored = Contract.FromSnapshot(contract.ToSnapshot(), version);

                restored.ToSnapshot().ShouldBeEquivalentTo(contract.ToSnapshot());
                restored.Version.ShouldBe(version);
                restored.PendingEvents.ShouldBeEmpty();
            });

    [Fact]
    public void A_restored_contract_answers_the_next_commands_as_the_original_does()
    {
        var clock = Clock();
        var contract = Active(clock);
        clock.AdvanceDays(1);
        contract.Amend(Terms(Grant(UsageChannel.Organic)) with { Fee = Money.Of(1_800m, Currency.USD) }, "organic only, higher fee", clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();
        var signedBefore = clock.GetCurrentInstant();
        clock.AdvanceHours(2);

        var restored = Contract.FromSnapshot(contract.ToSnapshot(), 9);

        restored.HasPendingAmendment.ShouldBeTrue();
        restored.Sign(ContractParty.Creator, "Maya Makes", 2, clock).Refusal.ShouldNotBeNull().ShouldBe(contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).Refusal);
        restored.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).IsDone.ShouldBeTrue();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).IsDone.ShouldBeTrue();
        restored.InForce.ShouldBe(contract.InForce);
        restored.VersionInForceAt(signedBefore).ShouldBe(contract.VersionInForceAt(signedBefore));
        restored.VersionInForceAt(signedBefore)!.Number.ShouldBe(1);
        var paid = new UsageRequest("launch-video", UsageChannel.PaidAmplification, Country.US, GrantStart + Duration.FromDays(1));
        restored.MayUse(paid).Reasons.ShouldBe(contract.MayUse(paid).Reasons);
        restored.MayUse(paid).Reasons.ShouldNotBeEmpty();
        restored.Terminate(ContractParty.Brand, "campaign cancelled", clock).IsDone.ShouldBeTrue();
        contract.Terminate(ContractParty.Brand, "campaign cancelled", clock).IsDone.ShouldBeTrue();

        restored.ToSnapshot().ShouldBeEquivalentTo(contract.ToSnapshot());
        restored.PendingEvents.Select(e => e.GetType().Name).ShouldBe(["ContractSigned", "ContractVersionInForce", "ContractStatusChanged", "ContractTerminated"]);
    }

    [Fact]
    public void A_snapshot_that_breaks_the_rules_is_refused_with_every_problem_named()
    {
        var clock = Clock();
        var contract = Active(clock);
        var first = contract.Versions[0];
        var signatures = contract.Signatures;
        var snapshot = contract.ToSnapshot() with
        {
            Versions =
            [
                first,
                first with { Number = 3, Note = " ", Terms = first.Terms with { Fee = Money.Of(-1m, Currency.USD), Exclusivity = first.Terms.Exclusivity! with { Competitors = [Glow] } } },
                first with { Number = 3 },
            ],
            Signatures = [.. signatures, signatures[1] with { Signer = "" }],
            Termination = new Termination(ContractParty.Brand, "never", clock.GetCurrentInstant()),
        };

        var error = Should.Throw<DomainValidationException>(() => Contract.FromSnapshot(snapshot, 1));

        error.ParamName.ShouldBe("snapshot");
        error.Errors.Select(e => (e.Field, e.Code)).ShouldBe([
            ("Versions[1].Number", "contract.version_number"),
            ("Versions[1].Note", "contract.note_missing"),
            ("Versions[1].Terms.Fee", "contract.fee_negative"),
            ("Versions[1].Terms.Cancellation.KillFee", "contract.out_of_range"),
            ("Versions[1].Terms.Exclusivity.Competitors", "contract.own_brand_competitor"),
            ("Signatures[2].Signer", "contract.signer_missing"),
            ("Signatures[2].Version", "contract.signed_twice"),
            ("Termination", "contract.termination_mismatch"),
        ]);
        Should.Throw<ArgumentOutOfRangeException>(() => Contract.FromSnapshot(contract.ToSnapshot(), 0));
    }

    [Fact]
    public void A_snapshot_whose_status_signatures_and_versions_in_force_disagree_is_refused()
    {
        var clock = Clock();
        var contract = Active(clock);
        contract.Amend(Terms() with { Fee = Money.Of(1_800m, Currency.USD) }, "fee raised", clock).ThrowIfNotAllowed();
        var snapshot = contract.ToSnapshot();

        Should.Throw<DomainValidationException>(() => Contract.FromSnapshot(snapshot with { Signatures = [snapshot.Signatures[0]] }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("InForce", "contract.in_force_mismatch"), ("Status", "contract.status_mismatch")]);
        Should.Throw<DomainValidationException>(() => Contract.FromSnapshot(snapshot with { Versions = [snapshot.Versions[0], snapshot.Versions[0] with { Number = 2 }], Status = ContractStatus.Draft }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("Versions[1].Terms", "contract.version_unchanged"), ("Signatures", "contract.signed_draft"), ("Status", "contract.status_mismatch")]);
        Should.Throw<DomainValidationException>(() => Contract.FromSnapshot(snapshot with { Signatures = [snapshot.Signatures[0], snapshot.Signatures[1], snapshot.Signatures[0] with { Version = 3 }] }, 1))
            .Errors.Select(e => (e.Field, e.Code)).ShouldBe([("Signatures[2].Version", "contract.signature_unknown_version"), ("Signatures[2].SignedAt", "contract.signature_out_of_order")]);
    }

    [Fact]
    public void A_snapshot_whose_amendment_is_signed_before_the_original_or_before_it_was_written_is_refused()
    {
        var clock = Clock();
        var contract = Active(clock);
        clock.AdvanceDays(1);
        contract.Amend(Terms(Grant(UsageChannel.Organic)), "organic only", clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Brand, "Ana Brandt", 2, clock).ThrowIfNotAllowed();
        contract.Sign(ContractParty.Creator, "Maya Makes", 2, clock).ThrowIfNotAllowed();
        var snapshot = contract.ToSnapshot();
        var early = Now - Duration.FromDays(30);
        var forged = snapshot with
        {
            Signatures = [.. snapshot.Signatures.Select(signature => signature.Version == 2 ? signature with { SignedAt = early } : signature)],
            InForce = [snapshot.InForce[0], new InForceSince(2, early)],
        };

        Should.Throw<DomainValidationException>(() => Contract.FromSnapshot(forged, 1)).Errors.Select(e => (e.Field, e.Code)).ShouldBe(
        [
            ("Signatures[2].SignedAt", "contract.signature_out_of_order"),
            ("Signatures[2].SignedAt", "contract.signed_before_written"),
            ("Signatures[3].SignedAt", "contract.signed_before_written"),
        ]);
        Contract.FromSnapshot(snapshot, 1).InForce!.Number.ShouldBe(2);
    }
}

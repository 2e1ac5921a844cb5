using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

// Instances whose clocks differ a little write the same aggregates: a command on a clock behind the last one that
// wrote records at the aggregate's latest time, so that what it saves runs forward in time and is read back.
public class RecordedTimeTests
{
    private static readonly Duration Skew = Duration.FromSeconds(2);

    [Fact]
    public void A_collaboration_commanded_on_a_clock_behind_its_last_event_records_at_that_event_and_reads_back()
    {
        var clock = Clock();
        var collaboration = InProduction(clock);
        var last = collaboration.History[^1].OccurredAt;
        var behind = new FakeClock(last - Skew);

        collaboration.SubmitDraft("teaser", "v1", behind).ThrowIfNotAllowed();
        collaboration.SendMessage(Actor.Creator, "Draft is up", behind).ThrowIfNotAllowed();

        collaboration.History.Skip(collaboration.History.Count - 2).ShouldAllBe(e => e.OccurredAt == last);
        Fingerprint(Collaboration.FromSnapshot(collaboration.ToSnapshot(), 1), withPending: false).ShouldBe(Fingerprint(collaboration, withPending: false));
    }

    [Fact]
    public void A_campaign_commanded_on_a_clock_behind_its_last_entry_records_at_that_entry_and_reads_back()
    {
        var clock = Clock();
        var campaign = Campaign.Create(EntityId.New<CampaignId>(clock), Glow, Plan(), clock);
        clock.Advance(Duration.FromMinutes(5));
        campaign.SetBrief(Brief(), clock).ThrowIfNotAllowed();
        var last = campaign.AuditTrail[^1].At;

        campaign.SetBrief(Brief(), new FakeClock(last - Skew)).ThrowIfNotAllowed();

        campaign.AuditTrail[^1].At.ShouldBe(last);
        Campaign.FromSnapshot(campaign.ToSnapshot(), 1).AuditTrail.ShouldBe(campaign.AuditTrail);
    }

    [Fact]
    public void A_contract_signed_on_a_clock_behind_the_other_signature_is_signed_at_it_and_reads_back()
    {
        var clock = Clock();
        var contract = Contract.Draft(EntityId.New<ContractId>(clock), Glow, Maya, SignedContract(clock, Money.Of(1_000m, Currency.USD)).InForce!.Terms, clock);
        contract.Send(clock).ThrowIfNotAllowed();
        clock.Advance(Duration.FromMinutes(5));
        contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();

        contract.Sign(ContractParty.Creator, "Maya Makes", 1, new FakeClock(clock.GetCurrentInstant() - Skew)).ThrowIfNotAllowed();

        contract.Signatures.Select(s => s.SignedAt).ShouldBe([clock.GetCurrentInstant(), clock.GetCurrentInstant()]);
        Contract.FromSnapshot(contract.ToSnapshot(), 1).InForce!.Number.ShouldBe(1);
    }
}

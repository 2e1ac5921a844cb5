using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class AggregateGeneratorsCollaborationTests
{
    private static Collaboration[] Sample(ulong seed, int count) => AggregateGenerators.Collaborations().Sample(count, new Rnd(seed), 50);

    [Fact]
    public void Generated_collaborations_reach_every_status_review_state_and_offer_outcome()
    {
        var collaborations = Sample(3, 400);

        collaborations.Select(c => c.Status).Distinct().ShouldBe(CollaborationStatus.List, ignoreOrder: true);
        collaborations.SelectMany(c => c.Deliverables).SelectMany(d => d.Drafts).Select(d => d.Review).Distinct()
            .ShouldBe(ReviewState.List.Where(state => state != ReviewState.NoReview), ignoreOrder: true);
        collaborations.SelectMany(c => c.Offers).Select(o => o.Status).Distinct()
            .ShouldBe(OfferStatus.List.Where(status => status != OfferStatus.Expired), ignoreOrder: true);
        collaborations.Count(c => c.Offers.Any(o => o.StatusAt(c.History[^1].OccurredAt) == OfferStatus.Expired)).ShouldBeGreaterThan(0);
        collaborations.Count(c => c.History.Any(e => e is ContentApproved && e.Actor == Actor.System)).ShouldBeGreaterThan(0);
        collaborations.Count(c => c.Deliverables.Any(d => d.Post is not null && !d.IsVerified)).ShouldBeGreaterThan(0);
        collaborations.Count(c => c.Messages.Any(m => m.Attachments.Count > 0) && c.UnreadBy(Actor.Brand) == 0).ShouldBeGreaterThan(0);
        collaborations.Select(c => c.Cancellation?.Stage).OfType<CancellationStage>().Distinct().Count().ShouldBeGreaterThan(1);
        collaborations.All(c => c.PendingEvents.Count == c.History.Count && c.Version == 0).ShouldBeTrue("every change is pending, none stored");
    }

    [Fact]
    public void The_same_seed_gives_the_same_collaborations()
    {
        Sample(7, 20).Select(c => c.ToSnapshot()).ToArray().ShouldBeEquivalentTo(Sample(7, 20).Select(c => c.ToSnapshot()).ToArray());
        Sample(8, 20).Select(c => c.Id).ShouldNotBe(Sample(7, 20).Select(c => c.Id));
    }
}

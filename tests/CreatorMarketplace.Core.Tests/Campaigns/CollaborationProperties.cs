using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.Tests.Campaigns;

// State-machine properties: random command sequences, with the clock moving on between them.
public class CollaborationProperties
{
    private static readonly string[] Names = ["launch-video", "teaser"];

    [Property(MaxTest = 1_000)]
    public Property Random_commands_never_reach_an_invalid_state_and_a_refused_command_changes_nothing(PositiveInt seed) =>
        (RunSequence(seed.Get, _ => { }) is { } collaboration
        && Fingerprint(Collaboration.FromHistory(collaboration.History), withPending: false) == Fingerprint(collaboration, withPending: false)).Label("Random commands never reach an invalid state and a refused command changes nothing");

    [Fact]
    public void The_random_sequences_reach_every_status_and_review_state()
    {
        var statuses = new HashSet<CollaborationStatus>();
        var reviews = new HashSet<ReviewState>();
        for (var seed = 1; seed <= 300; seed++)
        {
            RunSequence(seed, c =>
            {
                statuses.Add(c.Status);
                reviews.UnionWith(c.Deliverables.SelectMany(d => d.Drafts.Select(draft => draft.Review)));
            }).ShouldNotBeNull();
        }

        statuses.ShouldBe(CollaborationStatus.List, ignoreOrder: true);
        reviews.ShouldBe(ReviewState.List.Where(r => r != ReviewState.NoReview), ignoreOrder: true);
    }

    // Runs 80 random commands; null as soon as an invariant breaks or a refused command changed something.
    private static Collaboration? RunSequence(int seed, Action<Collaboration> observe)
    {
        var random = new Random(seed);
        var clock = new FakeClock(Now);
        var collaboration = (random.Next(2) == 0
            ? Collaboration.Invite(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock)
            : Collaboration.Apply(EntityId.New<CollaborationId>(clock), Recruiting(clock), Maya, clock)).GetValueOrThrow();
        var rounds = random.Next(0, 3);
        int? messagesAtEnd = null;
        for (var step = 0; step < 80; step++)
        {
            clock.AdvanceMinutes(random.Next(0, 12 * 60));
            var before = Fingerprint(collaboration);
            var outcome = Run(collaboration, random, clock, rounds);
            if ((outcome is not { IsDone: true } && Fingerprint(collaboration) != before) || !Valid(collaboration, rounds, ref messagesAtEnd))
            {
                return null;
            }

            observe(collaboration);
        }

        return collaboration;
    }

    private static bool Valid(Collaboration c, int rounds, ref int? messagesAtEnd)
    {
        var deliverablesHold = c.Deliverables.All(d =>
            d.RevisionsRequested <= rounds
            && (d.Post is null || (d.IsApproved && d.Window.Contains(d.Post.PostedAt)))
            && (d.Verification is null || d.Post is not null)
            && d.Drafts.Take(d.Drafts.Count - 1).All(draft => draft.Review.AcceptsNewDraft));
        var statusHolds =
            (c.Status != CollaborationStatus.Completed || (c.Deliverables.Count > 0 && c.Deliverables.All(d => d.IsVerified)))
            && (c.Status != CollaborationStatus.InProduction || (c.Contract is not null && c.AgreedOffer is not null))
            && (c.Status != CollaborationStatus.Agreed || c.AgreedOffer is not null)
            && c.Offers.Count(o => o.Status == OfferStatus.Accepted) <= 1
            && c.AuditTrail.Count == c.History.Count;
        if (c.Status.IsFinal)
        {
            messagesAtEnd ??= c.Messages.Count;
        }

        return deliverablesHold && statusHolds && (messagesAtEnd is null || c.Messages.Count == messagesAtEnd);
    }

    private static CommandResult AutoApprove(Collaboration c, IClock clock) =>
        c.ApplyAutoApprovals(clock) is { IsDone: false } refused ? refused.Refusal! : CommandResult.Done;

    // One random command; null when it threw for invalid input.
    private static CommandResult? Run(Collaboration c, Random random, FakeClock clock, int rounds)
    {
        var party = random.Next(2) == 0 ? Actor.Brand : Actor.Creator;
        var name = Names[random.Next(Names.Length)];
        var now = clock.GetCurrentInstant();
        var number = random.Next(1, c.Offers.Count + 2);
        try
        {
            // In production, mostly production commands, so that sequences often get as far as completion.
            var choice = c.Status == CollaborationStatus.InProduction && random.Next(10) < 7 ? random.Next(7, 15) : random.Next(17);
            return choice switch
            {
                0 or 1 => c.MakeOffer(party, Offer(random.Next(8, 13) * 100m, paid: random.Next(2) == 0), now + Duration.FromHours(random.Next(1, 96)), clock),
                2 => c.AcceptOffer(party, number, clock),
                3 => c.DeclineOffer(party, number, clock),
                4 => c.WithdrawOffer(party, number, clock),
                5 => c.Decline(party, "not a fit", clock),
                6 => c.AttachContract(SignedContract(clock, c.AgreedOffer?.Terms.Price ?? Money.Of(1_000m, Currency.USD), rounds, paid: random.Next(2) == 0), [], clock),
                7 or 8 => c.SubmitDraft(name, $"draft-{random.Next(100)}", clock),
                9 => c.ApproveContent(name, clock),
                10 => c.RequestRevision(name, "change it", clock),
                11 => c.RecordAdReview(name, random.Next(2) == 0, "rejected", clock),
                12 => AutoApprove(c, clock),
                13 => c.RecordPost(name, new PostRecord("7302", new Uri("https://www.tiktok.com/@maya.makes/video/7302"), now - Duration.FromMinutes(random.Next(0, 24 * 60))), clock),
                14 => c.Verify(name, random.Next(4) > 0, new DisclosureResult(random.Next(4) > 0 ? [] : [new MissingDisclosure(Country.US, ["ad"], false)]), party, clock),
                15 => random.Next(10) == 0 ? c.Cancel(party, "changed plans", clock) : c.ReadMessages(party, clock),
                _ => c.SendMessage(party, $"message {random.Next(100)}", clock),
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

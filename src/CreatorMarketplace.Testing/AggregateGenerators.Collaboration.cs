using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    /// <summary>
    /// Collaborations in every status: invitations and applications, offers and counter-offers accepted, declined,
    /// withdrawn or left to expire, contracts attached, drafts submitted, reviewed, revised, ad-reviewed and
    /// auto-approved, posts recorded and verified to completion, declines and cancellations at every stage, and a
    /// message thread read by either side.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Collaboration> Collaborations() => CommandDraws.Driven(mostSteps: 90, CollaborationDriver.Drive);

    // Collaborations by command, mostly the commands the status allows, so that sequences get far; commands given
    // invalid input throw and change nothing, and are part of the sequence all the same.
    private static class CollaborationDriver
    {
        private static readonly string[] Names = ["launch-video", "teaser"];

        public static Collaboration Drive(Random random, int steps)
        {
            var clock = CommandDraws.Clock(random);
            var campaign = CampaignDriver.TakingCreators(random, clock, out var first);
            var creator = CommandDraws.Id<CreatorId>(random, clock);
            var policy = random.Next(3) == 0 ? new CollaborationPolicy(Duration.FromDays(random.Next(1, 15))) : null;
            var id = CommandDraws.Id<CollaborationId>(random, clock);
            var collaboration = (random.Next(2) == 0
                ? Collaboration.Invite(id, campaign, creator, clock, policy)
                : Collaboration.Apply(id, campaign, creator, clock, policy)).GetValueOrThrow();
            var deliverables = Names.Take(random.Next(1, 3)).ToArray();
            var rounds = random.Next(0, 3);
            for (var step = 0; step < steps; step++)
            {
                clock.Advance(Duration.FromMinutes(random.Next(0, 12 * 60)));
                try
                {
                    Command(collaboration, random, clock, first, deliverables, rounds);
                }
                catch (ArgumentException)
                {
                    // Refused as invalid input; nothing changed.
                }
            }

            return collaboration;
        }

        private static CommandResult Command(Collaboration c, Random random, FakeClock clock, LocalDate first, string[] deliverables, int rounds)
        {
            var party = CommandDraws.Pick(random, [Actor.Brand, Actor.Creator]);
            var now = clock.GetCurrentInstant();
            var name = c.Deliverables.FirstOrDefault(d => !d.IsVerified && random.Next(3) > 0)?.Name ?? CommandDraws.Pick(random, deliverables);
            var offer = random.Next(5) == 0 ? random.Next(1, c.Offers.Count + 2) : c.Offers.Count;
            var choice = c.Status == CollaborationStatus.InProduction && random.Next(10) < 8 ? random.Next(20, 30)
                : c.Status == CollaborationStatus.Agreed && random.Next(10) < 6 ? 6
                : c.Status == CollaborationStatus.Negotiating && random.Next(10) < 5 ? random.Next(2, 5)
                : random.Next(14);
            return choice switch
            {
                0 or 1 => c.MakeOffer(party, Offer(random, first), now + Duration.FromHours(random.Next(1, 96)), clock),
                2 or 3 => c.AcceptOffer(party, offer, clock),
                4 => random.Next(2) == 0 ? c.DeclineOffer(party, offer, clock) : c.WithdrawOffer(party, offer, clock),
                5 => random.Next(4) == 0 ? c.Decline(party, "not a fit", clock) : c.SendMessage(party, "Any questions?", clock),
                6 => c.AttachContract(SignedContract(c, random, clock, deliverables, rounds), [], clock),
                7 or 8 or 9 => c.SendMessage(party, CommandDraws.Pick(random, ["Draft is up", "Looks great", "Can we move the date?"]), clock, random.Next(3) == 0 ? ["https://example.com/files/draft.mp4"] : null),
                10 or 11 => c.ReadMessages(party, clock),
                12 => random.Next(8) == 0 ? c.Cancel(party, "changed plans", clock) : c.ReadMessages(party, clock),
                20 or 21 => c.SubmitDraft(name, $"https://example.com/drafts/{random.Next(100)}", clock),
                22 => c.ApproveContent(name, clock),
                23 => c.RequestRevision(name, "warmer light, please", clock),
                24 => c.RecordAdReview(name, random.Next(3) > 0, "music not licensed for ads", clock),
                25 => AutoApprove(c, clock),
                26 => c.RecordPost(name, new PostRecord($"73{random.Next(10_000)}", new Uri($"https://www.tiktok.com/@maya.makes/video/{random.Next(10_000)}"), now - Duration.FromMinutes(random.Next(0, 24 * 60))), clock),
                27 or 28 => c.Verify(name, random.Next(6) > 0, new DisclosureResult(random.Next(5) > 0 ? [] : [new MissingDisclosure(Country.US, ["ad"], false)]), random.Next(4) == 0 ? Actor.System : party, clock),
                _ => c.SendMessage(party, "On it", clock),
            };
        }

        private static CommandResult AutoApprove(Collaboration c, IClock clock) =>
            c.ApplyAutoApprovals(clock) is { IsDone: false } refused ? refused.Refusal! : CommandResult.Done;

        private static OfferTerms Offer(Random random, LocalDate first) => new(
            Money.FromMinorUnits(random.Next(5, 15) * 10_000L, Currency.USD),
            [CampaignDriver.Deliverable(random, first)],
            random.Next(3) == 0 ? [] : [new UsageGrant
            {
                Channels = random.Next(2) == 0 ? [UsageChannel.Organic] : [UsageChannel.Organic, UsageChannel.PaidAmplification],
                Territories = Territories.Of(Country.US),
                Term = RightsTerm.Perpetual(Instant.FromUtc(2026, 1, 1, 0, 0)),
            }]);

        // A contract both parties signed, for the agreed price nine times in ten.
        private static Contract SignedContract(Collaboration c, Random random, FakeClock clock, string[] deliverables, int rounds)
        {
            var fee = c.AgreedOffer is { } agreed && random.Next(10) > 0 ? agreed.Terms.Price : Money.FromMinorUnits(random.Next(1, 5) * 10_000L, Currency.USD);
            return ContractDriver.Signed(random, clock, c.Brand, c.Creator, fee, deliverables, rounds, paid: random.Next(2) == 0);
        }
    }
}

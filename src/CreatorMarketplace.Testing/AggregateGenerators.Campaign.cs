using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    /// <summary>
    /// Campaigns in every status: drafts, recruiting and running campaigns, completed and cancelled ones, with plans
    /// revised, briefs set and replaced, campaign codes added and orders linked to them.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Campaign> Campaigns() => CommandDraws.Driven(mostSteps: 24, CampaignDriver.Drive);

    // Campaigns by command. Every plan of one campaign starts on the same day and runs at least 30 days, and every
    // brief's deliverables are due in its first 30, so revising a plan never strands the brief.
    private static class CampaignDriver
    {
        private static readonly string[] Names = ["Spring glow", "Summer launch", "Back to school", "Holiday gifting", "New year, new routine"];
        private static readonly string[] Codes = ["GLOW10", "GLOW20", "SUMMER15", "WELCOME"];
        private static readonly Country[] Markets = [Country.US, Country.CA, Country.GB, Country.DE, Country.FR, Country.JP];

        public static Campaign Drive(Random random, int steps)
        {
            var clock = CommandDraws.Clock(random);
            var (first, zone) = (CommandDraws.Day(clock, random), CommandDraws.Pick(random, CommandDraws.Zones));
            var campaign = Campaign.Create(CommandDraws.Id<CampaignId>(random, clock), CommandDraws.Id<BrandId>(random, clock), Plan(random, first, zone), clock);
            var orders = Enumerable.Range(0, 4).Select(_ => CommandDraws.Id<CollaborationId>(random, clock)).ToArray();
            for (var step = 0; step < steps; step++)
            {
                clock.Advance(Duration.FromMinutes(random.Next(1, 3 * 24 * 60)));
                _ = random.Next(14) switch
                {
                    0 => campaign.Revise(Plan(random, first, zone), clock),
                    1 or 2 => campaign.SetBrief(Brief(random, first), clock),
                    3 or 4 => campaign.StartRecruiting(clock),
                    5 or 6 => campaign.Run(clock),
                    7 => campaign.Complete(clock),
                    8 => random.Next(3) == 0 ? campaign.Cancel("the launch moved", clock) : campaign.Complete(clock),
                    9 or 10 when CommandDraws.Pick(random, Codes) is var code && campaign.Codes.All(existing => existing.Code != code) => campaign.AddCode(code, clock),
                    _ when campaign.Codes.Count > 0 => campaign.LinkOrder(CommandDraws.Pick(random, campaign.Codes).Code, CommandDraws.Pick(random, orders), clock),
                    _ => campaign.StartRecruiting(clock),
                };
            }

            return campaign;
        }

        // A campaign taking creators: recruiting, or one time in three already running.
        public static Campaign TakingCreators(Random random, FakeClock clock, out LocalDate first)
        {
            first = CommandDraws.Day(clock, random);
            var campaign = Campaign.Create(CommandDraws.Id<CampaignId>(random, clock), CommandDraws.Id<BrandId>(random, clock), Plan(random, first, CommandDraws.Pick(random, CommandDraws.Zones)), clock);
            campaign.SetBrief(Brief(random, first), clock).ThrowIfNotAllowed();
            campaign.StartRecruiting(clock).ThrowIfNotAllowed();
            if (random.Next(3) == 0)
            {
                campaign.Run(clock).ThrowIfNotAllowed();
            }

            return campaign;
        }

        public static BriefDeliverable Deliverable(Random random, LocalDate first) =>
            new(CommandDraws.Pick(random, [DeliverableType.ShortVideo, DeliverableType.Story, DeliverableType.ImagePost]), CommandDraws.Pick(random, [Platform.TikTok, Platform.Instagram]), random.Next(1, 4), first.PlusDays(random.Next(0, 30)));

        private static CampaignPlan Plan(Random random, LocalDate first, DateTimeZone zone) => new()
        {
            Name = CommandDraws.Pick(random, Names),
            Objective = CommandDraws.Pick(random, [.. CampaignObjective.List.OrderBy(objective => objective.Value)]),
            Budget = Money.FromMinorUnits(random.Next(1_000, 500_000) * 100L, CommandDraws.Pick(random, [Currency.USD, Currency.EUR])),
            TargetMarkets = CommandDraws.Some(random, Markets, least: 1),
            Timeline = CampaignTimeline.Create(first, first.PlusDays(random.Next(30, 120)), zone),
            Categories = CommandDraws.Some(random, CreatorGenerator.IndustryLabels, least: 0),
            Kpis = random.Next(2) == 0 ? [] : [new CampaignKpi(CommandDraws.Pick(random, ["views", "clicks", "cpm"]), random.Next(1, 100) * 10_000m)],
        };

        private static Brief Brief(Random random, LocalDate first) => new()
        {
            Objectives = ["show the product in a morning routine"],
            KeyMessages = random.Next(3) == 0 ? [] : ["glow in 7 days"],
            CreativeGuidelines = random.Next(3) == 0 ? "" : "natural light, 20–40 seconds",
            Dos = ["show the texture"],
            Donts = random.Next(2) == 0 ? [] : ["no medical claims"],
            MandatoryDisclosure = [CommandDraws.Pick(random, ["ad", "sponsored"])],
            Hashtags = random.Next(2) == 0 ? [] : ["springglow"],
            Mentions = random.Next(2) == 0 ? [] : ["@glowlabs"],
            Deliverables = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Deliverable(random, first))],
            References = random.Next(2) == 0 ? [] : [new Uri("https://example.com/moodboard")],
        };
    }
}

using CreatorMarketplace.Compliance;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;

namespace CreatorMarketplace.Testing;

// The class is described in AggregateGenerators.cs.
public static partial class AggregateGenerators
{
    /// <summary>
    /// Contracts in every status: drafts revised before sending, sent contracts signed by one party or both,
    /// signed, active and completed ones with amendments pending or signed into force, and contracts terminated
    /// at any point. Terms vary in fee, deliverables, revisions, usage grants, exclusivity, payment, cancellation
    /// and disclosure.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<Contract> Contracts() => CommandDraws.Driven(mostSteps: 24, ContractDriver.Drive);

    // Contracts by command.
    private static class ContractDriver
    {
        private static readonly string[] Deliverables = ["launch-video", "teaser", "story"];
        private static readonly Country[] Countries = [Country.US, Country.CA, Country.GB, Country.DE, Country.FR];

        public static Contract Drive(Random random, int steps)
        {
            var clock = CommandDraws.Clock(random);
            var brand = CommandDraws.Id<BrandId>(random, clock);
            var contract = Contract.Draft(CommandDraws.Id<ContractId>(random, clock), brand, CommandDraws.Id<CreatorId>(random, clock), Terms(random, clock, brand, fee: null), clock);
            for (var step = 0; step < steps; step++)
            {
                clock.Advance(Duration.FromMinutes(random.Next(1, 2 * 24 * 60)));
                var party = CommandDraws.Pick(random, [ContractParty.Brand, ContractParty.Creator]);
                _ = random.Next(12) switch
                {
                    0 or 1 => contract.Send(clock),
                    2 or 3 => contract.Amend(Terms(random, clock, brand, fee: null), CommandDraws.Pick(random, ["fee raised after review", "second video added", "rights narrowed"]), clock),
                    >= 4 and <= 7 => contract.Sign(party, party == ContractParty.Brand ? "Ana Brandt" : "Maya Makes", contract.Current.Number - (random.Next(6) == 0 ? 1 : 0), clock),
                    8 => contract.Activate(clock),
                    9 => contract.Complete(clock),
                    10 => random.Next(5) == 0 ? contract.Terminate(party, "the brand paused its marketing", clock) : contract.Activate(clock),
                    _ => contract.Sign(party.Other, party == ContractParty.Brand ? "Maya Makes" : "Ana Brandt", contract.Current.Number, clock),
                };
            }

            return contract;
        }

        // Draft, send and sign by both parties: a contract in force, for a collaboration to attach.
        public static Contract Signed(Random random, FakeClock clock, BrandId brand, CreatorId creator, Money fee, IReadOnlyList<string> deliverables, int rounds, bool paid)
        {
            var terms = Terms(random, clock, brand, fee) with
            {
                Deliverables = [.. deliverables.Select(name => Deliverable(random, name, clock.GetCurrentInstant(), opensAtOnce: true))],
                Revisions = new RevisionPolicy(rounds, Duration.FromHours(72)),
                Grants = [Grant(random, clock.GetCurrentInstant()) with { Channels = paid ? [UsageChannel.Organic, UsageChannel.PaidAmplification] : [UsageChannel.Organic] }],
                Exclusivity = null,
            };
            var contract = Contract.Draft(CommandDraws.Id<ContractId>(random, clock), brand, creator, terms, clock);
            contract.Send(clock).ThrowIfNotAllowed();
            contract.Sign(ContractParty.Brand, "Ana Brandt", 1, clock).ThrowIfNotAllowed();
            contract.Sign(ContractParty.Creator, "Maya Makes", 1, clock).ThrowIfNotAllowed();
            return contract;
        }

        private static ContractTerms Terms(Random random, IClock clock, BrandId brand, Money? fee)
        {
            var now = clock.GetCurrentInstant();
            var amount = fee ?? Money.FromMinorUnits(random.Next(0, 20_000) * 100L, Currency.USD);
            return new ContractTerms
            {
                Fee = amount,
                Deliverables = [.. CommandDraws.Some(random, Deliverables, least: 1).Select(name => Deliverable(random, name, now, opensAtOnce: false))],
                Revisions = new RevisionPolicy(random.Next(0, 3), Duration.FromHours(random.Next(24, 97))),
                Grants = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Grant(random, now))],
                Exclusivity = random.Next(3) > 0 ? null : new Exclusivity
                {
                    Categories = CommandDraws.Some(random, CreatorGenerator.IndustryLabels, least: 1),
                    Competitors = random.Next(2) == 0 ? [] : [CommandDraws.Id<BrandId>(random, clock)],
                    Start = now,
                    End = now + Duration.FromDays(random.Next(1, 181)),
                },
                PaymentTerms = new PaymentTermsReference(CommandDraws.Pick(random, ["net-30", "net-15", "50-50"])),
                Cancellation = new CancellationTerms(random.Next(0, 31), random.Next(2) == 0 ? null : Money.FromMinorUnits(amount.MinorUnits / random.Next(2, 5), amount.Currency)),
                Disclosure = new DisclosureDuty(CommandDraws.Some(random, [Country.US, Country.GB, Country.DE], least: 0)),
            };
        }

        // A posting window of 1 to 30 days in one of the zones, opening now or within five days.
        private static ContractDeliverable Deliverable(Random random, string name, Instant now, bool opensAtOnce)
        {
            var zone = CommandDraws.Pick(random, CommandDraws.Zones);
            var opens = (now + Duration.FromMinutes(opensAtOnce ? 0 : random.Next(0, 5 * 24 * 60))).InZone(zone).LocalDateTime;
            var window = PostingWindow.Create(opens, opens.PlusDays(random.Next(opensAtOnce ? 20 : 1, 31)), zone);
            return new ContractDeliverable(name, CommandDraws.Pick(random, [DeliverableType.ShortVideo, DeliverableType.Story, DeliverableType.Video]), CommandDraws.Pick(random, [Platform.TikTok, Platform.Instagram, Platform.YouTube]), random.Next(1, 3), window);
        }

        private static UsageGrant Grant(Random random, Instant now)
        {
            var start = now + Duration.FromDays(random.Next(0, 30));
            return new UsageGrant
            {
                Channels = CommandDraws.Some(random, [.. UsageChannel.List.OrderBy(channel => channel.Value)], least: 1),
                Territories = random.Next(4) == 0 ? Territories.Worldwide : Territories.Of(CommandDraws.Some(random, Countries, least: 1)),
                Term = random.Next(5) == 0 ? RightsTerm.Perpetual(start) : RightsTerm.Between(start, start + Duration.FromDays(random.Next(1, 366))),
                Edits = CommandDraws.Some(random, [.. ContentEdit.List.OrderBy(edit => edit.Value)], least: 0),
            };
        }
    }
}

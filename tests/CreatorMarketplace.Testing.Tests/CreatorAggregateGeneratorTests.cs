using CreatorMarketplace.Creators;
using FsCheck.Fluent;

namespace CreatorMarketplace.Testing.Tests;

public class CreatorAggregateGeneratorTests
{
    // A fixed seed, so that what the sample reaches is the same on every run.
    private static readonly List<Creator> Sample = AggregateGenerators.Creators().Sample(400, new Rnd(2026UL), 50).ToList();

    [Fact]
    public void Generated_creators_keep_their_rules_and_their_pending_events()
    {
        Sample.ShouldAllBe(c => c.Profile.Validate().Count == 0);
        Sample.ShouldAllBe(c => c.Accounts.Select(a => a.Platform).Distinct().Count() == c.Accounts.Count);
        Sample.ShouldAllBe(c => c.ComplianceHistory.Zip(c.ComplianceHistory.Skip(1)).All(pair => pair.First.OccurredAt <= pair.Second.OccurredAt));
        Sample.ShouldAllBe(c => c.Version == 0 && c.PendingEvents[0] is CreatorRegistered);
        Sample.Select(c => c.Id).ShouldBeUnique();
    }

    [Fact]
    public void Generated_creators_reach_every_shape()
    {
        Sample.ShouldContain(c => c.Accounts.Count >= 3);
        Sample.ShouldContain(c => c.Accounts.Count == 1 && c.PendingEvents.Count == 2, "some are just registered: the registration and its account");
        Sample.ShouldContain(c => c.PendingEvents.OfType<CreatorAccountUpdated>().Count(e => e.Account.Platform == c.PrimaryAccount.Platform) >= 2, "numbers refreshed or the primary account replaced");
        Sample.ShouldContain(c => c.PendingEvents.OfType<CreatorProfileChanged>().Any());
        Sample.ShouldContain(c => c.Audience.Gender != null && c.Audience.Countries == null);
        Sample.ShouldContain(c => c.Audience == Audience.Unknown);
        Sample.ShouldContain(c => c.RateCard != null && c.RateCard.Prices.Count >= 2);
        Sample.ShouldContain(c => c.RateCard == null && c.PendingEvents.OfType<CreatorRateCardChanged>().Any(), "a rate card withdrawn");
        Sample.ShouldContain(c => c.Badges.Count == Badge.List.Count);
        Sample.ShouldContain(c => c.PendingEvents.OfType<CreatorBadgeChanged>().Any(e => !e.Awarded));
        Sample.ShouldContain(c => c.OnVacation);
        Sample.ShouldContain(c => c.ComplianceHistory.Count >= 2);
        Sample.ShouldContain(c => c.PastCollaborations.Count >= 2 && c.PastCampaignCount > c.PastCollaborations.Count);
        Sample.Select(c => c.Tier).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4);
    }
}

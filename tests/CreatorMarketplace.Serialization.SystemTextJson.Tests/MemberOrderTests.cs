using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;
using NodaTime;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>A value's members are read by their names, so another writer's order reads as the same value.</summary>
public class MemberOrderTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 9, 0);
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void Values_of_two_members_read_the_same_with_their_members_reversed()
    {
        ReadsReversed(Money.Of(12.34m, Currency.USD));
        ReadsReversed(new Handle(Platform.TikTok, "maya.makes"));
        ReadsReversed(new LedgerAccount(AccountKind.EscrowHeld, Guid.Parse("01890a5d-ac96-774b-bcce-b302099a8057")));
        ReadsReversed(Ratio.Of(42, 1000));
        ReadsReversed(RightsTerm.Between(Start, Start + Duration.FromDays(90)));
        ReadsReversed(RightsTerm.Perpetual(Start));
        ReadsReversed(Territories.Of(Country.US, Country.CA));
        ReadsReversed(new SecretReference("tok_123", "6789"));
        ReadsReversed(new NumberRange<long>(10_000, null));
        ReadsReversed(new PriceRange(Currency.EUR, new NumberRange<decimal>(100m, 500m)));
        ReadsReversed(new AudienceThreshold<Country>(Country.DE, 0.3));
    }

    [Fact]
    public void Values_of_three_members_read_the_same_with_their_members_reversed()
    {
        ReadsReversed(new UnitCost(Currency.USD, 0.0123m, "view"));
        ReadsReversed(new PeerGroup(new ContentLabel("beauty"), FollowerTier.Micro, Country.US));
        ReadsReversed(new PeerGroup(null, FollowerTier.Micro, Country.US));
        ReadsReversed(CampaignTimeline.Create(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31), Berlin));
        ReadsReversed(PostingWindow.Create(new LocalDateTime(2026, 3, 1, 9, 0), new LocalDateTime(2026, 3, 1, 21, 0), Berlin));
        ReadsReversed(new SearchPosition(0, 125_000, CreatorId.Parse("01890a5d-ac96-774b-bcce-b302099a8057")));
    }

    // The members written, then the same members last to first: the value read back writes as the original does.
    private static void ReadsReversed<T>(T value)
    {
        var written = Json.Write(value);
        var reversed = new JsonObject(JsonNode.Parse(written)!.AsObject().Reverse().Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone())));

        reversed.ToJsonString().ShouldNotBe(written);
        Json.Write(Json.Read<T>(reversed.ToJsonString())).ShouldBe(written);
    }
}

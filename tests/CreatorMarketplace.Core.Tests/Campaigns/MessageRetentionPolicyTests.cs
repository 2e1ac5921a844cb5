using CreatorMarketplace.Campaigns;
using NodaTime;

namespace CreatorMarketplace.Tests.Campaigns;

/// <summary>How long messages are kept, as versioned policy data read strictly from JSON.</summary>
public class MessageRetentionPolicyTests
{
    private static readonly Instant January = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant July = Instant.FromUtc(2026, 7, 1, 0, 0);

    [Fact]
    public void The_version_in_force_decides_the_cut_off_and_before_the_first_every_message_is_kept()
    {
        var policy = MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(July, 30), MessageRetentionVersion.Create(January, 365)]);

        policy.Versions.Select(version => version.EffectiveFrom).ShouldBe([January, July], "earliest first");
        policy.ExpiredBefore(January - Duration.FromDays(1)).ShouldBeNull();
        policy.ExpiredBefore(Instant.FromUtc(2026, 3, 1, 0, 0)).ShouldBe(Instant.FromUtc(2026, 3, 1, 0, 0) - Duration.FromDays(365));
        policy.ExpiredBefore(Instant.FromUtc(2026, 8, 1, 0, 0)).ShouldBe(Instant.FromUtc(2026, 7, 2, 0, 0));
    }

    [Fact]
    public void A_cut_off_reaching_back_before_the_earliest_instant_is_the_earliest_instant()
    {
        var always = MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(Instant.MinValue, MessageRetentionVersion.MostDays)]);
        var sinceTheStart = Instant.MinValue + Duration.FromDays(MessageRetentionVersion.MostDays);

        always.ExpiredBefore(Instant.MinValue + Duration.FromDays(1)).ShouldBe(Instant.MinValue);
        always.ExpiredBefore(sinceTheStart).ShouldBe(Instant.MinValue);
        always.ExpiredBefore(sinceTheStart + Duration.Epsilon).ShouldBe(Instant.MinValue + Duration.Epsilon);
    }

    [Fact]
    public void The_policy_round_trips_through_json_and_bad_json_is_refused_with_every_path()
    {
        var policy = MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(January, 365), MessageRetentionVersion.Create(July, 30)]);
        var read = MessageRetentionPolicy.FromJson(policy.ToJson());
        read.IsValid.ShouldBeTrue();
        read.GetValueOrThrow().ToJson().ShouldBe(policy.ToJson());
        read.GetValueOrThrow().ToString().ShouldBe("chat: 365 days from 2026-01-01T00:00:00Z; 30 days from 2026-07-01T00:00:00Z");

        var bad = MessageRetentionPolicy.FromJson("""
            { "name": "chat", "versions": [
              { "effectiveFrom": "2026-01-01T00:00:00Z", "keepForDays": 0 },
              { "effectiveFrom": "soon", "keepForDays": 30, "purge": true },
              { "effectiveFrom": "2026-01-01T00:00:00Z", "keepForDays": "30" } ] }
            """);
        bad.IsValid.ShouldBeFalse();
        bad.Errors.Select(error => error.Field).ShouldBe(["$.versions[0].keepForDays", "$.versions[1].purge", "$.versions[1].effectiveFrom", "$.versions[2].keepForDays"], ignoreOrder: true);
        MessageRetentionPolicy.FromJson("""{ "name": "a", "name": "b", "versions": [] }""").Errors.ShouldContain(error => error.Field == "$.name");
        Should.Throw<DomainValidationException>(() => MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(January, 1), MessageRetentionVersion.Create(January, 2)]))
            .Errors.ShouldHaveSingleItem().Code.ShouldBe("message_retention.duplicate_version");
    }
}

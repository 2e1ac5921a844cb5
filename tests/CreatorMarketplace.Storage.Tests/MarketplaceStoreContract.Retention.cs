using CreatorMarketplace.Campaigns;
using FsCheck.Fluent;
using NodaTime;

namespace CreatorMarketplace.Storage.Tests;

// The retention of messages: a message the policy no longer keeps loses its body and attachments in every stored copy.
public abstract partial class MarketplaceStoreContract
{
    [SkippableFact]
    public async Task Expiring_messages_reduces_every_stored_copy_of_an_old_message_and_keeps_the_recent_ones()
    {
        var store = await CreateStoreAsync();
        var collaboration = AggregateGenerators.Collaborations().Sample(60, new Rnd(2026_12_11UL), 60)
            .First(c => c.Version == 0 && c.SendMessage(Actor.Brand, "The launch code is AURORA-7", Clock, ["https://files.example/brief-aurora.pdf"]).IsDone);
        var old = collaboration.Messages[^1];
        Clock.Advance(Duration.FromDays(40));
        collaboration.SendMessage(Actor.Creator, "See you on Friday", Clock).IsDone.ShouldBeTrue();
        var recent = collaboration.Messages[^1];
        (await store.Collaborations.SaveAsync(collaboration)).IsSaved.ShouldBeTrue();
        Clock.Advance(Duration.FromDays(1));
        var policy = MessageRetentionPolicy.Create("chat", [MessageRetentionVersion.Create(Instant.MinValue, 30)]);

        var expired = await store.ExpireMessagesAsync(policy, Clock);

        expired.Collaborations.ShouldBe(1);
        expired.ExpiredBefore.ShouldNotBeNull().ShouldBeGreaterThan(old.SentAt);
        var stored = (await store.Collaborations.FindAsync(collaboration.Id)).ShouldNotBeNull();
        var reduced = stored.Messages.Single(message => message.Number == old.Number);
        (reduced.Body, reduced.Attachments.Count, reduced.Author, reduced.SentAt).ShouldBe((MessageRetention.Redaction, 0, old.Author, old.SentAt));
        stored.Messages.Single(message => message.Number == recent.Number).Body.ShouldBe("See you on Friday", "a recent message is kept");
        var events = (await store.Changes.ReadAsync(0, BulkRead.MaxPageSize)).Select(change => change.Event).OfType<MessageSent>().ToArray();
        events.ShouldContain(sent => sent.Message.Number == old.Number && sent.Message.Body == MessageRetention.Redaction);
        events.ShouldNotContain(sent => sent.Message.Body.Contains("AURORA", StringComparison.Ordinal) || sent.Message.Attachments.Any(a => a.Contains("aurora", StringComparison.Ordinal)));
        (await store.Outbox.ReadPendingAsync(1_000)).Select(message => message.Event).OfType<MessageSent>()
            .ShouldNotContain(sent => sent.Message.Body.Contains("AURORA", StringComparison.Ordinal), "the outbox keeps the reduced message too");
        (await store.ExpireMessagesAsync(policy, Clock)).Collaborations.ShouldBe(0, "running it again changes nothing");
        (await store.ExpireMessagesAsync(MessageRetentionPolicy.Create("later", [MessageRetentionVersion.Create(Clock.GetCurrentInstant() + Duration.FromDays(1), 1)]), Clock))
            .ExpiredBefore.ShouldBeNull("before a policy's first version every message is kept");
    }
}

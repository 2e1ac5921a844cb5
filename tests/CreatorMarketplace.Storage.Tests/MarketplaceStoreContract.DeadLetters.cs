using CreatorMarketplace.Discovery;
using NodaTime;

namespace CreatorMarketplace.Storage.Tests;

/// <summary>What every store promises of failed deliveries: counted, dead-lettered at the limit, kept, put back.</summary>
public abstract partial class MarketplaceStoreContract
{
    [SkippableFact]
    public async Task An_event_refused_to_its_last_attempt_is_dead_lettered_and_the_later_events_flow_past_it()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            (await store.Shortlists.SaveAsync(NewShortlist($"List {i}"))).IsSaved.ShouldBeTrue();
        }

        var publisher = new RefusingPublisher("List 1");
        var dispatcher = new OutboxDispatcher(store.Outbox, publisher, Clock, maxAttempts: 3);

        var first = await dispatcher.DispatchPendingAsync();
        var second = await dispatcher.DispatchPendingAsync();
        var third = await dispatcher.DispatchPendingAsync();

        first.ShouldBe(new DispatchReport(1, 0, first.Failure), "the refused event holds the later ones while it has attempts left");
        first.Failure.ShouldNotBeNull().Message.Sequence.ShouldBe(2);
        second.Delivered.ShouldBe(0);
        third.ShouldBe(new DispatchReport(1, 1, null));
        publisher.Delivered.Select(Name).ShouldBe(["List 0", "List 2"]);
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty("a dead letter is no longer pending");
        var letter = (await store.Outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem();
        letter.Message.EventId.ShouldBe(first.Failure.Message.EventId);
        letter.Attempts.ShouldBe(3);
        letter.LastErrorType.ShouldBe(typeof(HttpRequestException).FullName);
        letter.DeadLetteredAt.ShouldBeGreaterThan(Start);
        (await store.Changes.ReadAsync(0)).Count.ShouldBe(3, "the change feed reads every event whatever its delivery");
    }

    [SkippableFact]
    public async Task The_backlog_counts_what_is_pending_and_dead_lettered_and_dates_the_oldest_pending_event()
    {
        var store = await CreateStoreAsync();
        (await store.Outbox.ReadBacklogAsync()).ShouldBe(OutboxBacklog.Empty);
        for (var i = 0; i < 4; i++)
        {
            (await store.Shortlists.SaveAsync(NewShortlist($"List {i}"))).IsSaved.ShouldBeTrue();
        }

        var events = await store.Outbox.ReadPendingAsync(10);
        (await store.Outbox.ReadBacklogAsync()).ShouldBe(new OutboxBacklog(4, 0, events[0].OccurredAt));

        await store.Outbox.MarkDeliveredAsync([events[0].EventId], Clock.GetCurrentInstant());
        (await store.Outbox.RecordFailedAttemptAsync(events[1].EventId, "System.TimeoutException", Clock.GetCurrentInstant(), maxAttempts: 1)).ShouldBeTrue();
        var backlog = await store.Outbox.ReadBacklogAsync();

        backlog.ShouldBe(new OutboxBacklog(2, 1, events[2].OccurredAt), "neither the delivered event nor the dead letter is pending");
        backlog.AgeAt(events[2].OccurredAt + Duration.FromMinutes(5)).ShouldBe(Duration.FromMinutes(5));
        await store.Outbox.RetryAllDeadLettersAsync();
        (await store.Outbox.ReadBacklogAsync()).ShouldBe(new OutboxBacklog(3, 0, events[1].OccurredAt), "a retried dead letter is the oldest pending again");
        await store.Outbox.MarkDeliveredAsync([.. events.Select(e => e.EventId)], Clock.GetCurrentInstant());
        (await store.Outbox.ReadBacklogAsync()).ShouldBe(OutboxBacklog.Empty);
    }

    [SkippableFact]
    public async Task A_dead_letter_keeps_the_type_of_what_was_thrown_and_never_its_message()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist("List 0"))).IsSaved.ShouldBeTrue();
        var dispatcher = new OutboxDispatcher(store.Outbox, new RefusingPublisher("List 0"), Clock, maxAttempts: 1);

        (await dispatcher.DispatchPendingAsync()).ShouldBe(new DispatchReport(0, 1, null));

        var letter = (await store.Outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem();
        letter.LastErrorType.ShouldBe("System.Net.Http.HttpRequestException");
        letter.LastErrorType.ShouldNotContain("Password", Case.Insensitive);
    }

    [SkippableFact]
    public async Task A_retried_dead_letter_is_pending_again_with_its_attempts_counted_anew_and_is_delivered_late()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            (await store.Shortlists.SaveAsync(NewShortlist($"List {i}"))).IsSaved.ShouldBeTrue();
        }

        var publisher = new RefusingPublisher("List 0", "List 1");
        var dispatcher = new OutboxDispatcher(store.Outbox, publisher, Clock, maxAttempts: 1);
        (await dispatcher.DispatchPendingAsync()).ShouldBe(new DispatchReport(1, 2, null));
        var letters = await store.Outbox.ReadDeadLettersAsync(10);
        letters.Select(l => Name(l.Message)).ShouldBe(["List 0", "List 1"]);
        (await store.Outbox.ReadDeadLettersAsync(1)).ShouldHaveSingleItem().Message.Sequence.ShouldBe(1);

        publisher.Refused.Clear();
        (await store.Outbox.RetryDeadLetterAsync(letters[1].Message.EventId)).ShouldBeTrue();
        (await store.Outbox.RetryDeadLetterAsync(letters[1].Message.EventId)).ShouldBeFalse("it is pending now");
        (await store.Outbox.RetryDeadLetterAsync(Guid.NewGuid())).ShouldBeFalse();
        (await store.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem().EventId.ShouldBe(letters[1].Message.EventId);
        (await dispatcher.DispatchPendingAsync()).ShouldBe(new DispatchReport(1, 0, null));

        (await store.Outbox.RetryAllDeadLettersAsync()).ShouldBe(1);
        (await store.Outbox.RetryAllDeadLettersAsync()).ShouldBe(0);
        (await store.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        (await dispatcher.DispatchPendingAsync()).ShouldBe(new DispatchReport(1, 0, null));
        publisher.Delivered.Select(Name).ShouldBe(["List 2", "List 1", "List 0"], "a retried dead letter is delivered after what followed it");
        (await store.Outbox.ReadPendingAsync(10)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_failed_attempt_counts_only_for_a_pending_event()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist("List 0"))).IsSaved.ShouldBeTrue();
        var message = (await store.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem();

        (await store.Outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), 2)).ShouldBeFalse();
        (await store.Outbox.RecordFailedAttemptAsync(Guid.NewGuid(), "System.TimeoutException", Clock.GetCurrentInstant(), 1)).ShouldBeFalse("an unknown event is left alone");
        await store.Outbox.MarkDeliveredAsync([message.EventId], Clock.GetCurrentInstant());
        (await store.Outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), 1)).ShouldBeFalse("a delivered event is not dead-lettered");

        (await store.Outbox.ReadDeadLettersAsync(10)).ShouldBeEmpty();
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Outbox.RecordFailedAttemptAsync(message.EventId, "X", Clock.GetCurrentInstant(), 0));
        await Should.ThrowAsync<ArgumentException>(async () => await store.Outbox.RecordFailedAttemptAsync(message.EventId, "", Clock.GetCurrentInstant(), 1));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await store.Outbox.ReadDeadLettersAsync(0));
    }

    [SkippableFact]
    public async Task A_dead_letter_recorded_by_one_instance_is_seen_and_retried_by_another()
    {
        var store = await CreateStoreAsync();
        (await store.Shortlists.SaveAsync(NewShortlist("List 0"))).IsSaved.ShouldBeTrue();
        var again = await OpenAgainAsync(store);
        var message = (await store.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem();

        (await store.Outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), 2)).ShouldBeFalse();
        (await again.Outbox.RecordFailedAttemptAsync(message.EventId, "System.TimeoutException", Clock.GetCurrentInstant(), 2)).ShouldBeTrue("the attempts are the store's, not an instance's");

        (await again.Outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem().Attempts.ShouldBe(2);
        (await again.Outbox.RetryAllDeadLettersAsync()).ShouldBe(1);
        (await store.Outbox.ReadPendingAsync(10)).ShouldHaveSingleItem().EventId.ShouldBe(message.EventId);
    }

    private static string Name(OutboxMessage message) => ((ShortlistCreated)message.Event).Name;

    // Refuses the events of the shortlists named, as a bus whose error quotes its connection string would.
    protected sealed class RefusingPublisher(params string[] refused) : IOutboxPublisher
    {
        public HashSet<string> Refused { get; } = [.. refused];

        public List<OutboxMessage> Delivered { get; } = [];

        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (message.Event is ShortlistCreated created && Refused.Contains(created.Name))
            {
                throw new HttpRequestException("bus refused: Host=bus;Password=hunter2");
            }

            Delivered.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}

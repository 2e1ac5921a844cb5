using CreatorMarketplace.Discovery;
using CreatorMarketplace.Storage;
using CreatorMarketplace.Storage.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Storage;

public class OutboxDispatcherTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0), Duration.FromSeconds(1));

    [Fact]
    public async Task A_cancelled_pass_keeps_what_the_publisher_took_marked_and_leaves_the_rest_pending()
    {
        var store = await StoreWithShortlists(4);
        using var cancel = new CancellationTokenSource();
        var publisher = new Publisher(onPublish: count =>
        {
            if (count == 2)
            {
                cancel.Cancel();
            }
        });

        await Should.ThrowAsync<OperationCanceledException>(async () => await new OutboxDispatcher(store.Outbox, publisher, _clock).DispatchPendingAsync(cancel.Token));

        publisher.Taken.Count.ShouldBe(2);
        (await store.Outbox.ReadPendingAsync(10)).Select(m => m.EventId).ShouldNotContain(publisher.Taken[0].EventId);
        (await store.Outbox.ReadPendingAsync(10)).Count.ShouldBe(2, "the two the publisher took are marked delivered; the other two wait");
    }

    [Fact]
    public async Task A_publisher_that_gives_up_on_its_own_is_a_failure_not_a_cancellation()
    {
        var store = await StoreWithShortlists(2);
        var publisher = new Publisher(onPublish: _ => throw new OperationCanceledException("the bus timed out"));

        var report = await new OutboxDispatcher(store.Outbox, publisher, _clock).DispatchPendingAsync();

        report.Completed.ShouldBeFalse();
        report.Failure!.Exception.Message.ShouldBe("the bus timed out");
        (await store.Outbox.ReadPendingAsync(10)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Batches_are_read_until_the_outbox_is_empty()
    {
        var store = await StoreWithShortlists(7);
        var publisher = new Publisher(onPublish: _ => { });

        var report = await new OutboxDispatcher(store.Outbox, publisher, _clock, batchSize: 3).DispatchPendingAsync();

        report.ShouldBe(new DispatchReport(7, 0, null));
        publisher.Taken.Select(m => m.Sequence).ShouldBe([1L, 2L, 3L, 4L, 5L, 6L, 7L]);
        Should.Throw<ArgumentOutOfRangeException>(() => new OutboxDispatcher(store.Outbox, publisher, _clock, batchSize: 0));
    }

    [Fact]
    public async Task A_pass_goes_on_past_an_event_it_dead_letters_and_a_dispatcher_allows_1_to_1000_attempts()
    {
        var store = await StoreWithShortlists(3);
        var publisher = new Publisher(onPublish: count =>
        {
            if (count == 1)
            {
                throw new TimeoutException("the bus at Host=bus;Password=hunter2 timed out");
            }
        });

        var report = await new OutboxDispatcher(store.Outbox, publisher, _clock, maxAttempts: 1).DispatchPendingAsync();

        report.ShouldBe(new DispatchReport(2, 1, null));
        report.Completed.ShouldBeTrue();
        var letter = (await store.Outbox.ReadDeadLettersAsync(10)).ShouldHaveSingleItem();
        letter.ShouldBe(new OutboxDeadLetter(publisher.Taken[0], 1, "System.TimeoutException", letter.DeadLetteredAt));
        Should.Throw<ArgumentOutOfRangeException>(() => new OutboxDispatcher(store.Outbox, publisher, _clock, maxAttempts: 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new OutboxDispatcher(store.Outbox, publisher, _clock, maxAttempts: 1_001));
    }

    [Fact]
    public void An_error_type_is_the_exceptions_full_type_name_cut_to_its_bound()
    {
        OutboxDeadLetter.ErrorTypeOf(new InvalidOperationException("Password=hunter2")).ShouldBe("System.InvalidOperationException");
        OutboxDeadLetter.ErrorTypeOf(new VeryLongNamedExceptionForTheBoundOfTheErrorTypeThatAnOutboxKeepsXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX())
            .Length.ShouldBe(OutboxDeadLetter.MaxErrorTypeLength);
    }

    private sealed class VeryLongNamedExceptionForTheBoundOfTheErrorTypeThatAnOutboxKeepsXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX : Exception;

    private async Task<InMemoryMarketplaceStore> StoreWithShortlists(int count)
    {
        var store = new InMemoryMarketplaceStore();
        for (var i = 0; i < count; i++)
        {
            (await store.Shortlists.SaveAsync(Shortlist.Create(EntityId.New<ShortlistId>(_clock), EntityId.New<BrandId>(_clock), $"List {i}", _clock))).IsSaved.ShouldBeTrue();
        }

        return store;
    }

    private sealed class Publisher(Action<int> onPublish) : IOutboxPublisher
    {
        public List<OutboxMessage> Taken { get; } = [];

        public ValueTask PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Taken.Add(message);
            onPublish(Taken.Count);
            return ValueTask.CompletedTask;
        }
    }
}

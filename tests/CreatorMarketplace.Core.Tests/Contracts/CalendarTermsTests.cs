using CreatorMarketplace.Contracts;
using NodaTime;
using static CreatorMarketplace.Tests.Contracts.ContractFixtures;

namespace CreatorMarketplace.Tests.Contracts;

public class CalendarTermsTests
{
    [Fact]
    public void A_posting_window_on_the_night_clocks_spring_forward_is_an_hour_shorter()
    {
        var window = PostingWindow.Create(new LocalDateTime(2026, 3, 8, 0, 0), new LocalDateTime(2026, 3, 8, 6, 0), NewYork);

        window.Length.ShouldBe(Duration.FromHours(5));
        window.Start.ShouldBe(Instant.FromUtc(2026, 3, 8, 5, 0));
        window.End.ShouldBe(Instant.FromUtc(2026, 3, 8, 10, 0));
    }

    [Fact]
    public void A_posting_window_on_the_night_clocks_fall_back_is_an_hour_longer()
    {
        var window = PostingWindow.Create(new LocalDateTime(2026, 11, 1, 0, 0), new LocalDateTime(2026, 11, 1, 6, 0), NewYork);

        window.Length.ShouldBe(Duration.FromHours(7));
    }

    [Fact]
    public void A_window_opening_in_the_skipped_hour_opens_when_the_clocks_have_moved_on()
    {
        var window = PostingWindow.Create(new LocalDateTime(2026, 3, 8, 2, 30), new LocalDateTime(2026, 3, 8, 9, 0), NewYork);
        var quarter = PostingWindow.Create(new LocalDateTime(2026, 3, 8, 2, 30), new LocalDateTime(2026, 3, 8, 3, 15), NewYork);
        var closing = PostingWindow.Create(new LocalDateTime(2026, 3, 8, 1, 0), new LocalDateTime(2026, 3, 8, 2, 30), NewYork);

        window.Start.InZone(NewYork).LocalDateTime.ShouldBe(new LocalDateTime(2026, 3, 8, 3, 0));
        window.Length.ShouldBe(Duration.FromMinutes(360));
        (quarter.Start, quarter.Length).ShouldBe((window.Start, Duration.FromMinutes(15)));
        closing.End.InZone(NewYork).LocalDateTime.ShouldBe(new LocalDateTime(2026, 3, 8, 3, 30), "a closing time in the gap moves forward by it");
    }

    [Fact]
    public void A_short_term_from_the_repeated_hours_second_occurrence_ends_after_it_starts()
    {
        // 1 November 2026 in New York: 1:00 to 2:00 happens twice; the second 1:30 is 6:30 UTC.
        var second = new LocalDateTime(2026, 11, 1, 1, 30).InZone(NewYork, mapping => mapping.Last());
        var first = new LocalDateTime(2026, 11, 1, 1, 30).InZone(NewYork, mapping => mapping.First());

        RightsTerm.For(second, Period.FromMinutes(20)).End.ShouldBe(Instant.FromUtc(2026, 11, 1, 6, 50));
        RightsTerm.For(first, Period.FromMinutes(20)).End.ShouldBe(Instant.FromUtc(2026, 11, 1, 5, 50));
    }

    [Fact]
    public void A_window_contains_its_start_but_not_its_end()
    {
        var window = Video().Window;

        window.Contains(window.Start).ShouldBeTrue();
        window.Contains(window.End - Duration.Epsilon).ShouldBeTrue();
        window.Contains(window.End).ShouldBeFalse();
        window.Contains(window.Start - Duration.Epsilon).ShouldBeFalse();
        window.Start.ShouldBe(Instant.FromUtc(2026, 12, 3, 14, 0));
    }

    [Fact]
    public void A_window_that_closes_before_it_opens_is_refused_naming_the_field()
    {
        Should.Throw<ArgumentException>(() => PostingWindow.Create(new LocalDateTime(2026, 12, 3, 9, 0), new LocalDateTime(2026, 12, 3, 9, 0), NewYork))
            .Message.ShouldStartWith("closes: a posting window must close after it opens (2026-12-03 09:00 in America/New_York), got 2026-12-03 09:00.");
    }

    [Fact]
    public void A_six_month_term_ends_at_the_same_local_time_across_a_clock_change()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var start = new LocalDateTime(2026, 1, 15, 9, 0).InZoneStrictly(berlin);

        var term = RightsTerm.For(start, Period.FromMonths(6));

        term.End!.Value.InZone(berlin).LocalDateTime.ShouldBe(new LocalDateTime(2026, 7, 15, 9, 0));
        (term.End.Value - term.Start).ShouldBe(Duration.FromDays(181) - Duration.FromHours(1));
    }

    [Fact]
    public void Terms_nest_and_a_perpetual_term_contains_every_later_instant()
    {
        var year = RightsTerm.Between(GrantStart, GrantStart + Duration.FromDays(365));
        var perpetual = RightsTerm.Perpetual(GrantStart);

        year.IsWithin(perpetual).ShouldBeTrue();
        perpetual.IsWithin(year).ShouldBeFalse();
        perpetual.Contains(Instant.MaxValue).ShouldBeTrue();
        Should.Throw<ArgumentException>(() => RightsTerm.Between(GrantStart, GrantStart));
        Should.Throw<ArgumentException>(() => RightsTerm.For(GrantStart.InUtc(), Period.Zero));
    }
}

using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

// The columns decide a row only where the policy would say the same on its listing; a row they leave unsure is
// decoded to be judged, so the counts the columns hold exactly must not be left unsure.
public class EligibilityColumnTests
{
    private const long TwoToThe24 = 1L << 24;

    private static readonly int[] CountColumns = [NumberColumn.Followers, NumberColumn.ViewsLast30Days, NumberColumn.PostsLast30Days];

    [Property(MaxTest = 2_000)]
    public void A_count_s_float_never_contradicts_the_count_and_decides_it_below_2_to_the_24(NonNegativeInt threshold, sbyte offset, bool nearTwoToThe24, byte which)
    {
        // Thresholds either side of 2^24 too, where neighbouring counts share a float.
        var minimum = nearTwoToThe24 ? TwoToThe24 + (threshold.Get % 8) - 4 : threshold.Get;
        var count = Math.Max(0, minimum + (offset % 4));
        var column = CountColumns[which % CountColumns.Length];

        var verdict = CheckWith(column, minimum).Decide(RowWith(column, count), 0);

        verdict.ShouldNotBe(count >= minimum ? ColumnVerdict.Fails : ColumnVerdict.Passes, $"{count} against at least {minimum}");
        if (minimum < TwoToThe24)
        {
            verdict.ShouldNotBe(ColumnVerdict.Unsure, $"{count} against at least {minimum}");
        }
    }

    [Fact]
    public void Exactly_the_shipped_minimum_of_posts_passes_on_the_columns_and_a_count_sharing_a_float_with_a_larger_minimum_does_not()
    {
        CheckWith(NumberColumn.PostsLast30Days, 3).Decide(RowWith(NumberColumn.PostsLast30Days, 3), 0).ShouldBe(ColumnVerdict.Passes);

        // 2^24 + 1 rounds to the float of 2^24: the count 2^24 has that float but is one short.
        CheckWith(NumberColumn.Followers, TwoToThe24 + 1).Decide(RowWith(NumberColumn.Followers, TwoToThe24), 0).ShouldBe(ColumnVerdict.Unsure);
    }

    // A market asking at least 1,000 of each count, but `minimum` of one, of an adult personal account in good standing.
    private static EligibilityColumns.MarketCheck CheckWith(int column, long minimum) =>
        new(
            CountryOrdinal: 0,
            Platform: 0,
            LaunchUnsure: false,
            MinimumFollowers: column == NumberColumn.Followers ? minimum : 1_000,
            MinimumViews: column == NumberColumn.ViewsLast30Days ? minimum : 1_000,
            MinimumPosts: column == NumberColumn.PostsLast30Days ? minimum : 1_000,
            AccountTypes: 1u << AccountType.Personal.Value,
            MinimumAge: 18,
            SurelyOldEnough: 14_000,
            PossiblyOldEnough: 14_002,
            WindowStartDay: 20_000,
            AsOfDay: 20_090);

    // One row of a personal account born on day 0 with no violation, with `count` in one column and plenty in the others.
    private static float[][] RowWith(int column, long count)
    {
        var numbers = new float[NumberColumn.Count][];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = [float.NaN];
        }

        foreach (var counted in CountColumns)
        {
            numbers[counted][0] = counted == column ? count : 1_000_000;
        }

        numbers[NumberColumn.AccountType][0] = AccountType.Personal.Value;
        numbers[NumberColumn.BirthDay][0] = 0;
        return numbers;
    }
}

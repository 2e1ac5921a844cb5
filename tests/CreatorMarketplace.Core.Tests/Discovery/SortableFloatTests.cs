using CreatorMarketplace.Discovery.InMemory;
using FsCheck.Fluent;

namespace CreatorMarketplace.Tests.Discovery;

public class SortableFloatTests
{
    [Property(MaxTest = 200)]
    public Property The_radix_sort_orders_as_a_float_sort_does(float[] values, PositiveInt scale)
    {
        // Short and long runs, negatives and infinities; NaN never reaches it (unreported values are left out).
        var finite = values.Where(v => !float.IsNaN(v)).Select(v => v * (scale.Get % 7 == 0 ? -1 : 1)).ToArray();
        var many = Enumerable.Range(0, scale.Get % 300).Select(i => finite.Length == 0 ? i * 0.25f : finite[i % finite.Length] + i).Concat(finite).ToArray();
        var keys = many.Select(SortableFloat.KeyOf).ToArray();

        SortableFloat.Sort(keys, new uint[keys.Length]);

        // -0 and 0 are equal floats; the keys put -0 first, which a float comparison cannot tell apart.
        return (keys.Select(SortableFloat.ToFloat).SequenceEqual(many.Order())).Label("keys.Select(SortableFloat.ToFloat).SequenceEqual(many.Order())");
    }

    [Fact]
    public void Keys_keep_the_order_of_the_floats_they_come_from()
    {
        float[] ascending = [float.NegativeInfinity, -3.5f, -float.Epsilon, 0f, float.Epsilon, 0.03f, 1e9f, float.PositiveInfinity];

        ascending.Select(SortableFloat.KeyOf).ShouldBeInOrder(SortDirection.Ascending);
        ascending.Select(SortableFloat.KeyOf).Select(SortableFloat.ToFloat).ShouldBe(ascending);
    }
}

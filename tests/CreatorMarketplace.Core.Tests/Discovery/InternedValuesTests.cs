using CreatorMarketplace.Discovery.InMemory;

namespace CreatorMarketplace.Tests.Discovery;

/// <summary>A value's number in a catalog's table, looked up through the encoding thread's recent numbers.</summary>
public sealed class InternedValuesTests
{
    [Fact]
    public void A_thread_encoding_for_two_catalogs_gets_each_tables_own_numbers()
    {
        var (first, second) = (new InternedValues(), new InternedValues());
        first.NumberOf("beauty").ShouldBe(0);

        first.Recent.NumberOf("gaming", first).ShouldBe(1);
        second.Recent.NumberOf("gaming", second).ShouldBe(0);
        first.Recent.NumberOf("gaming", first).ShouldBe(1);
        second.Recent.NumberOf("beauty", second).ShouldBe(1);
    }

    [Fact]
    public void Another_object_with_the_same_text_gets_the_same_number()
    {
        var interned = new InternedValues();
        var label = new string("travel".AsSpan());
        var number = interned.Recent.NumberOf(label, interned);

        interned.Recent.NumberOf(new string("travel".AsSpan()), interned).ShouldBe(number);
        interned.NumberOf("travel").ShouldBe(number);
        interned.ValueOf<string>(number).ShouldBe("travel");
    }

    [Fact]
    public void Numbers_looked_up_on_many_threads_at_once_name_one_value_each()
    {
        var interned = new InternedValues();
        var labels = Enumerable.Range(0, 2_000).Select(i => $"label-{i % 500}").ToArray();
        var numbers = new int[labels.Length];

        Parallel.For(0, labels.Length, i => numbers[i] = interned.Recent.NumberOf(labels[i], interned));

        for (var i = 0; i < labels.Length; i++)
        {
            interned.ValueOf<string>(numbers[i]).ShouldBe(labels[i]);
        }

        numbers.Distinct().Count().ShouldBe(500);
    }
}

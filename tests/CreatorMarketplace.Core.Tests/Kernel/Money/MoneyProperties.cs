using FsCheck.Fluent;

namespace CreatorMarketplace.Tests.Kernel;


[Properties(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 300)]
public class MoneyProperties
{
    [Property]
    public Property Allocation_sums_exactly_to_the_total(Money total, NonEmptyArray<NonNegativeInt> ratios)
    {
        var weights = Weights(ratios);
        return (weights.Sum() == 0 || total.Allocate(weights).Aggregate((a, b) => a + b) == total).Label("weights.Sum() == 0 || total.Allocate(weights).Aggregate((a, b) => a + b) == total");
    }

    [Property]
    public Property Each_allocated_part_lies_within_one_minor_unit_of_its_exact_share(Money total, NonEmptyArray<NonNegativeInt> ratios)
    {
        var weights = Weights(ratios);
        var sum = weights.Sum();
        if (sum == 0)
        {
            return true.ToProperty();
        }

        var parts = total.Allocate(weights);
        return (parts.Select((part, i) =>
        {
            var exact = (System.Numerics.BigInteger)total.MinorUnits * (long)weights[i];
            var actual = (System.Numerics.BigInteger)part.MinorUnits * (long)sum;
            return System.Numerics.BigInteger.Abs(actual - exact) < (long)sum && (weights[i] != 0 || part.IsZero);
        }).All(ok => ok)).Label("Each allocated part lies within one minor unit of its exact share");
    }

    [Property]
    public Property A_sum_of_parts_is_the_total_they_were_split_from(Money total, PositiveInt parts)
    {
        var split = total.Split((parts.Get % 50) + 1);
        return (Money.Sum(split, total.Currency) == total).Label("Money.Sum(split, total.Currency) == total")
            .And((Money.Sum([], total.Currency) == Money.Zero(total.Currency)).Label("Money.Sum([], total.Currency) == Money.Zero(total.Currency)"));
    }

    [Property]
    public Property Allocation_is_deterministic(Money total, NonEmptyArray<PositiveInt> ratios)
    {
        var weights = ratios.Get.Select(r => (decimal)r.Get).ToArray();
        return (total.Allocate(weights).SequenceEqual(total.Allocate(weights))).Label("total.Allocate(weights).SequenceEqual(total.Allocate(weights))");
    }

    [Property]
    public Property Decimal_ratios_allocate_like_their_integer_equivalents(Money total, NonEmptyArray<PositiveInt> ratios)
    {
        var integers = ratios.Get.Select(r => (decimal)r.Get).ToArray();
        var scaled = integers.Select(r => r / 1000m).ToArray();
        return (total.Allocate(integers).SequenceEqual(total.Allocate(scaled))).Label("total.Allocate(integers).SequenceEqual(total.Allocate(scaled))");
    }

    [Property]
    public Property Huge_ratios_allocate_like_small_ones(Money total, NonEmptyArray<PositiveInt> ratios)
    {
        // Weights beyond 2^63 in total take the arbitrary-precision path; it must agree with the 128-bit one.
        var small = ratios.Get.Select(r => (decimal)(r.Get % 1000) + 1).ToArray();
        var huge = small.Select(r => r * 1e20m).ToArray();
        return (total.Allocate(small).SequenceEqual(total.Allocate(huge))).Label("total.Allocate(small).SequenceEqual(total.Allocate(huge))");
    }

    [Property]
    public Property Split_sums_exactly_and_parts_differ_by_at_most_one_unit(Money total, PositiveInt parts)
    {
        var split = total.Split((parts.Get % 100) + 1);
        var units = split.Select(p => p.MinorUnits).ToArray();
        return (split.Aggregate((a, b) => a + b) == total).Label("split.Aggregate((a, b) => a + b) == total")
            .And((units.Max() - units.Min() <= 1).Label("units.Max() - units.Min() <= 1"));
    }

    [Property]
    public Property Subtraction_undoes_addition(Money a, long otherUnits)
    {
        var b = Money.FromMinorUnits(otherUnits % KernelGenerators.MaxGeneratedMinorUnits, a.Currency);
        return (a + b - b == a).Label("a + b - b == a")
            .And((a - b + b == a).Label("a - b + b == a"));
    }

    [Property]
    public Property Addition_is_commutative_and_zero_is_neutral(Money a, long otherUnits)
    {
        var b = Money.FromMinorUnits(otherUnits % KernelGenerators.MaxGeneratedMinorUnits, a.Currency);
        return (a + b == b + a).Label("a + b == b + a")
            .And((a + Money.Zero(a.Currency) == a).Label("a + Money.Zero(a.Currency) == a"));
    }

    [Property]
    public Property Parse_of_format_is_the_identity(Money money) => (Money.Parse(money.ToString()) == money).Label("Money.Parse(money.ToString()) == money");

    [Property]
    public Property Of_of_amount_is_the_identity(Money money) => (Money.Of(money.Amount, money.Currency) == money).Label("Money.Of(money.Amount, money.Currency) == money");

    [Property]
    public Property Multiplying_by_one_is_the_identity(Money money) => (money.Multiply(1m, MidpointRounding.ToEven) == money).Label("money.Multiply(1m, MidpointRounding.ToEven) == money");

    [Property]
    public Property Multiply_rounds_the_exact_product_as_decimal_Round_does_in_every_mode(Money money, int thousandths)
    {
        // A rate of up to ±1000 with three decimals keeps every generated product within 64 bits.
        var rate = (thousandths % 1_000_000) / 1000m;
        MidpointRounding[] modes =
        [
            MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero,
            MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity,
        ];
        var small = Money.FromMinorUnits(money.MinorUnits % 1_000_000_000_000, money.Currency);
        return (modes.All(mode =>
        {
            var product = small.Multiply(rate, mode);
            return product.Currency == small.Currency
                && product.MinorUnits == decimal.ToInt64(decimal.Round(small.MinorUnits * rate, 0, mode));
        })).Label("Multiply rounds the exact product as decimal Round does in every mode");
    }

    [Property]
    public Property Comparisons_follow_the_minor_units(Money a, long otherUnits)
    {
        var b = Money.FromMinorUnits(otherUnits % KernelGenerators.MaxGeneratedMinorUnits, a.Currency);
        long x = a.MinorUnits, y = b.MinorUnits;
        return ((a < b) == (x < y)).Label("(a < b) == (x < y)")
            .And(((a <= b) == (x <= y)).Label("(a <= b) == (x <= y)"))
            .And(((a > b) == (x > y)).Label("(a > b) == (x > y)"))
            .And(((a >= b) == (x >= y)).Label("(a >= b) == (x >= y)"))
            .And(((a == b) == (x == y)).Label("(a == b) == (x == y)"))
            .And(((a != b) == (x != y)).Label("(a != b) == (x != y)"))
            .And((Math.Sign(a.CompareTo(b)) == Math.Sign(x.CompareTo(y))).Label("Math.Sign(a.CompareTo(b)) == Math.Sign(x.CompareTo(y))"));
    }

    [Property]
    public Property Sign_negation_and_absolute_value_agree(Money money)
    {
        var units = money.MinorUnits;
        return (money.IsZero == (units == 0)).Label("money.IsZero == (units == 0)")
            .And((money.IsNegative == (units < 0)).Label("money.IsNegative == (units < 0)"))
            .And((money.IsPositive == (units > 0)).Label("money.IsPositive == (units > 0)"))
            .And(((-money).MinorUnits == -units).Label("(-money).MinorUnits == -units"))
            .And((money.Abs().MinorUnits == Math.Abs(units)).Label("money.Abs().MinorUnits == Math.Abs(units)"))
            .And((money.Abs().Currency == money.Currency).Label("money.Abs().Currency == money.Currency"));
    }

    [Property]
    public Property Amount_is_the_minor_units_scaled_by_the_currency_digits(Money money) =>
        (money.Amount * (decimal)Math.Pow(10, money.Currency.MinorUnits) == money.MinorUnits).Label("money.Amount * (decimal)Math.Pow(10, money.Currency.MinorUnits) == money.MinorUnits");

    private static decimal[] Weights(NonEmptyArray<NonNegativeInt> ratios) =>
        ratios.Get.Select(r => (decimal)(r.Get % 1000)).ToArray();
}

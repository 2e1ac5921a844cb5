using CreatorMarketplace;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>Step 1: the campaign's fees split into instalments across currencies, exactly.</summary>
internal static class MoneyStep
{
    public static void Run(IClock clock, TextWriter output)
    {
        var campaign = EntityId.New<CampaignId>(clock);
        output.WriteLine($"Step 1: money for campaign {campaign}");

        // Three creators in three markets, each paid in their own currency.
        (string Creator, Money Fee)[] fees =
        [
            ("@maya.makes (US)", Money.Parse("USD 10000.00")),
            ("@hana.eats (JP)", Money.Parse("JPY 1000000")),
            ("@omar.drives (KW)", Money.Of(1500.500m, Currency.KWD)),
        ];

        foreach (var (creator, fee) in fees)
        {
            output.WriteLine($"  {creator}: fee {fee}");

            // Three equal instalments: the leftover minor units go to the first ones, nothing is lost.
            var instalments = fee.Split(3);
            output.WriteLine($"    3 instalments:           {string.Join(" + ", instalments)} = {Sum(instalments)}");

            // 30% upfront, 70% on approval, by largest remainder.
            var upfrontAndOnApproval = fee.Allocate(30, 70);
            output.WriteLine($"    30% upfront, 70% later:  {upfrontAndOnApproval[0]} + {upfrontAndOnApproval[1]} = {Sum(upfrontAndOnApproval)}");

            // A card fee of 2.9%, rounded half away from zero: the rounding is always named.
            var cardFee = fee.Multiply(0.029m, MidpointRounding.AwayFromZero);
            output.WriteLine($"    2.9% card fee:           {cardFee}");
        }

        // Amounts of different currencies never mix silently.
        try
        {
            _ = fees[0].Fee + fees[1].Fee;
        }
        catch (CurrencyMismatchException error)
        {
            output.WriteLine($"  Adding USD to JPY is refused: {error.Message}");
        }

        output.WriteLine();
    }

    private static Money Sum(IReadOnlyList<Money> parts) => parts.Aggregate((a, b) => a + b);
}

using CreatorMarketplace;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Eligibility;
using CreatorMarketplace.Testing;
using NodaTime;

namespace CreatorMarketplace.Samples.Workflow;

/// <summary>Step 4: may these creators take part? Every reason they may not, and how far they are from yes.</summary>
internal static class EligibilityStep
{
    public static void Run(IClock clock, TextWriter output)
    {
        output.WriteLine("Step 4: eligibility");

        // A market's creator rules composed from single rules; every failure is reported, not just the first.
        var korea = EligibilityRule<CreatorListing>.AllOf(
            "kr-creators",
            CreatorRules.GoodStanding(Duration.FromDays(90)),
            CreatorRules.MinimumAge(19),
            CreatorRules.MinimumFollowers(50_000),
            CreatorRules.MinimumRecentPosts(3),
            CreatorRules.AccountTypes(AccountType.Creator, AccountType.Business));
        var now = clock.GetCurrentInstant();
        foreach (var creator in new CreatorGenerator(seed: 7, clock).Generate(4).Select(c => c.ToListing()))
        {
            var result = korea.Evaluate(creator, now);
            output.WriteLine($"  {creator.PrimaryAccount.Handle} ({creator.PrimaryAccount.Stats.Followers:N0} followers): {(result.IsEligible ? "eligible" : "not eligible")}");
            foreach (var failure in result.Failures)
            {
                output.WriteLine($"    {failure.Rule}: {failure.Message}{(failure.Distance is { } distance ? $" ({distance})" : "")}");
            }
        }

        output.WriteLine();
    }
}

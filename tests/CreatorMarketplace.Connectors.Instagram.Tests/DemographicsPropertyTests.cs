using System.Text.Json;
using CreatorMarketplace.Creators;
using FsCheck.Fluent;

namespace CreatorMarketplace.Connectors.Instagram.Tests;

/// <summary>The follower demographics' mapping, over any counts the platform could give.</summary>
public sealed class DemographicsPropertyTests
{
    private static readonly string[] AgeKeys = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    [Property(MaxTest = 200)]
    public Property Each_bucket_share_is_its_followers_over_all_counted_and_the_shares_sum_to_one() =>
        Prop.ForAll(
            (from counts in Gen.ArrayOf(Gen.Choose(0, 1_000_000), AgeKeys.Length)
             where counts.Sum() > 0
             select counts).ToArbitrary(),
            counts =>
            {
                var body = Graph.Demographics("age", AgeKeys.Zip(counts, (key, count) => (key, (long)count)).ToArray()).Body;
                using var document = JsonDocument.Parse(body);

                var ages = InstagramConnector.MapBreakdown(new JsonAt(document.RootElement, "", new Secrets("secret")), InstagramConnector.AgeBucketOf)!;

                double total = counts.Sum();
                foreach (var bucket in AgeBucket.List)
                {
                    var followers = AgeKeys.Zip(counts).Where(pair => InstagramConnector.AgeBucketOf(pair.First) == bucket).Sum(pair => (double)pair.Second);
                    ages.ShareOf([bucket]).Fraction.ShouldBe(followers / total, 1e-9);
                }

                ages.ShareOf(AgeBucket.List).Fraction.ShouldBe(1, 1e-9);
            });
}

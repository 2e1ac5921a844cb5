using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using NodaTime;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Discovery;

public class CreatorQueryTermTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);

    private static readonly IReadOnlyList<CreatorListing> Listings =
        new CreatorGenerator(11, new FakeClock(Now)).Generate(300).Select(creator => creator.ToListing()).ToList();

    [Fact]
    public void A_query_with_every_filter_given_has_a_term_of_every_type_and_one_per_audience_threshold()
    {
        var query = CreatorCatalogContract.QueryWithEveryFilter(Platform.TikTok);
        query.Validate().ShouldBeEmpty();

        var terms = query.ToTerms();

        terms.Select(term => term.GetType()).Distinct().OrderBy(TypeByName).ShouldBe(CreatorCatalogContract.TermTypes.OrderBy(TypeByName));
        terms.OfType<CreatorQueryTerm.FollowerCountry>().Select(term => term.Threshold).ShouldBe(query.FollowerCountries);
        terms.OfType<CreatorQueryTerm.OnAccount>().ShouldAllBe(term => term.Platform == Platform.TikTok);
        CreatorCatalogContract.QueryWithEveryFilter(null).ToTerms().OfType<CreatorQueryTerm.OnAccount>().ShouldAllBe(term => term.Platform == null);
        CreatorCatalogContract.QueryWithEveryFilter(null).ToTerms().OfType<CreatorQueryTerm.AccountOn>().ShouldBeEmpty();
    }

    [Fact]
    public void A_query_that_filters_nothing_has_no_terms_and_matches_everyone()
    {
        var query = new CreatorQuery { Countries = [], Followers = NumberRange<long>.Any, Price = new(Currency.USD, default), Sort = CreatorSort.Followers };

        query.ToTerms().ShouldBeEmpty();
        Listings.ShouldAllBe(listing => query.Matches(listing));
    }

    [Fact]
    public void A_creator_matches_a_query_exactly_when_it_matches_each_of_its_terms()
    {
        foreach (var query in new[] { CreatorCatalogContract.QueryWithEveryFilter(null) with { Eligibility = null }, new CreatorQuery { Keyword = "an", Followers = new(50_000, null) }, new CreatorQuery { Platform = Platform.Instagram } })
        {
            foreach (var listing in Listings)
            {
                query.Matches(listing).ShouldBe(query.ToTerms().All(term => term.Matches(listing)), listing.PrimaryAccount.Handle.Value);
            }
        }

        var byKeyword = new CreatorQuery { Keyword = "an" };
        Listings.Count(byKeyword.Matches).ShouldBeInRange(1, Listings.Count - 1);
    }

    [Fact]
    public void A_query_changed_by_with_has_the_terms_of_its_own_filters()
    {
        var listing = Listings[0];
        var byKeyword = new CreatorQuery { Keyword = "zzz-nobody-zzz" };
        byKeyword.Matches(listing).ShouldBeFalse(); // builds the first query's terms
        byKeyword.KeywordRank(listing).ShouldBe(0);

        var changed = byKeyword with { Keyword = null, Countries = [listing.Profile.HomeCountry] };

        changed.ToTerms().Single().ShouldBe(new CreatorQueryTerm.Countries(changed.Countries));
        changed.Matches(listing).ShouldBeTrue();
        changed.KeywordRank(listing).ShouldBe(0);
        (byKeyword with { Keyword = listing.Profile.DisplayName }).KeywordRank(listing).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Push_down_offers_every_term_in_order_and_leaves_those_refused_to_the_residual()
    {
        var query = CreatorCatalogContract.QueryWithEveryFilter(Platform.TikTok);
        var offered = new List<CreatorQueryTerm>();

        var residual = query.PushDown(term =>
        {
            offered.Add(term);
            return term is CreatorQueryTerm.OnAccount;
        });

        offered.ShouldBe(query.ToTerms());
        residual.Terms.ShouldBe(query.ToTerms().Where(term => term is not CreatorQueryTerm.OnAccount));
        residual.IsEmpty.ShouldBeFalse();
        query.PushDown(_ => true).IsEmpty.ShouldBeTrue();
        foreach (var listing in Listings)
        {
            residual.Matches(listing).ShouldBe(residual.Terms.All(term => term.Matches(listing)));
        }
    }

    private static string TypeByName(Type type) => type.Name;
}

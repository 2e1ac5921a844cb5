using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Every public value type of Core reads back as the value written.</summary>
[Properties(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 200)]
public class RoundTripProperties
{
    [Property]
    public bool Money_round_trips(Money value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Share_round_trips(Share value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Currency_round_trips(Currency value) => ReferenceEquals(Json.RoundTrip(value), value);

    [Property]
    public bool Country_round_trips(Country value) => ReferenceEquals(Json.RoundTrip(value), value);

    [Property]
    public bool Language_round_trips(Language value) => ReferenceEquals(Json.RoundTrip(value), value);

    [Property]
    public bool Platform_round_trips(Platform value) => ReferenceEquals(Json.RoundTrip(value), value);

    [Property]
    public bool Handle_round_trips(Handle value) => Json.RoundTrip(value) is var read && read == value && read.Value == value.Value;

    [Property]
    public bool Subdivision_round_trips(Subdivision value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Country_distribution_round_trips(Distribution<Country> value) => Json.RoundTrip(value).Equals(value);

    [Property]
    public bool Age_distribution_round_trips(Distribution<AgeBucket> value) => Json.RoundTrip(value).Equals(value);

    [Property]
    public bool Gender_distribution_round_trips(Distribution<AudienceGender> value) => Json.RoundTrip(value).Equals(value);

    [Property]
    public bool Device_distribution_round_trips(Distribution<AudienceDevice> value) => Json.RoundTrip(value).Equals(value);

    [Property]
    public bool Language_distribution_round_trips(Distribution<Language> value) => Json.RoundTrip(value).Equals(value);

    [Property]
    public bool Ids_round_trip(CreatorId creator, BrandId brand, CampaignId campaign, CollaborationId collaboration, ContractId contract) =>
        Json.RoundTrip(creator) == creator
        && Json.RoundTrip(brand) == brand
        && Json.RoundTrip(campaign) == campaign
        && Json.RoundTrip(collaboration) == collaboration
        && Json.RoundTrip(contract) == contract;

    [Property]
    public bool More_ids_round_trip(InvoiceId invoice, PayoutId payout, ShortlistId shortlist, SavedSearchId savedSearch) =>
        Json.RoundTrip(invoice) == invoice
        && Json.RoundTrip(payout) == payout
        && Json.RoundTrip(shortlist) == shortlist
        && Json.RoundTrip(savedSearch) == savedSearch;

    [Property]
    public bool Content_label_round_trips(ContentLabel value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Industry_label_round_trips(IndustryLabel value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Secret_reference_round_trips(SecretReference value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Rights_term_round_trips(RightsTerm value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Number_ranges_round_trip(NumberRange<int> ints, NumberRange<long> longs, NumberRange<double> doubles, NumberRange<decimal> decimals) =>
        Json.RoundTrip(ints) == ints
        && Json.RoundTrip(longs) == longs
        && Json.RoundTrip(doubles) == doubles
        && Json.RoundTrip(decimals) is var read && read == decimals && Scales(read) == Scales(decimals);

    [Property]
    public bool Price_range_round_trips(PriceRange value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Search_position_round_trips(SearchPosition value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Audience_thresholds_round_trip(AudienceThreshold<Country> country, AudienceThreshold<AudienceGender> gender, AudienceThreshold<AgeBucket> age) =>
        Json.RoundTrip(country) == country && Json.RoundTrip(gender) == gender && Json.RoundTrip(age) == age;

    [Property]
    public bool Ratio_round_trips(Ratio value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Unit_cost_round_trips(UnitCost value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Ledger_account_round_trips(LedgerAccount value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Peer_group_round_trips(PeerGroup value) => Json.RoundTrip(value) == value;

    [Property]
    public bool Values_serve_as_dictionary_keys(CreatorId creator, ContentLabel label, Subdivision subdivision, Country country)
    {
        var byCreator = Json.RoundTrip(new Dictionary<CreatorId, int> { [creator] = 1 });
        var byLabel = Json.RoundTrip(new Dictionary<ContentLabel, int> { [label] = 2 });
        var bySubdivision = Json.RoundTrip(new Dictionary<Subdivision, int> { [subdivision] = 3 });
        var byCountry = Json.RoundTrip(new Dictionary<Country, int> { [country] = 4 });
        return byCreator[creator] == 1 && byLabel[label] == 2 && bySubdivision[subdivision] == 3 && byCountry[country] == 4;
    }

    [Property]
    public bool Records_of_these_values_round_trip_with_the_serializers_defaults(Currency from, Currency to, LedgerAccount debit, LedgerAccount credit, Money amount, PositiveInt sequence)
    {
        // Core's records made only of these values need no converter of their own.
        var at = NodaTime.Instant.FromUtc(2026, 11, 25, 9, 30);
        var rate = new ExchangeRate(from, to, 1.0842m, at, "ecb");
        var entry = new LedgerEntry(sequence.Get, "charge:42", debit, credit, amount, at, "funding");
        var ratio = new RollUp(Ratio.Of(3, 40), 2, 3);
        return Json.RoundTrip(rate) == rate && Json.RoundTrip(entry) == entry && Json.RoundTrip(ratio) == ratio;
    }

    // Trailing zeros are part of a decimal's written form ("12.50"), so the scale must survive as well as the value.
    private static (int?, int?) Scales(NumberRange<decimal> range) => (range.Min?.Scale, range.Max?.Scale);
}

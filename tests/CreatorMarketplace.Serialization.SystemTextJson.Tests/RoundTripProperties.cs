using CreatorMarketplace.Contracts;
using CreatorMarketplace.Creators;
using CreatorMarketplace.Discovery;
using CreatorMarketplace.Metrics;
using CreatorMarketplace.Payments;
using CreatorMarketplace.Scoring;
using FsCheck.Fluent;

namespace CreatorMarketplace.Serialization.Tests;

/// <summary>Every public value type of Core reads back as the value written.</summary>
[Properties(Arbitrary = [typeof(KernelArbitraries)], MaxTest = 200)]
public class RoundTripProperties
{
    [Property]
    public Property Money_round_trips(Money value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Share_round_trips(Share value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Currency_round_trips(Currency value) => (ReferenceEquals(Json.RoundTrip(value), value)).Label("ReferenceEquals(Json.RoundTrip(value), value)");

    [Property]
    public Property Country_round_trips(Country value) => (ReferenceEquals(Json.RoundTrip(value), value)).Label("ReferenceEquals(Json.RoundTrip(value), value)");

    [Property]
    public Property Language_round_trips(Language value) => (ReferenceEquals(Json.RoundTrip(value), value)).Label("ReferenceEquals(Json.RoundTrip(value), value)");

    [Property]
    public Property Platform_round_trips(Platform value) => (ReferenceEquals(Json.RoundTrip(value), value)).Label("ReferenceEquals(Json.RoundTrip(value), value)");

    [Property]
    public Property Handle_round_trips(Handle value) => (Json.RoundTrip(value) is var read && read == value && read.Value == value.Value).Label("Json.RoundTrip(value) is var read && read == value && read.Value == value.Value");

    [Property]
    public Property Subdivision_round_trips(Subdivision value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Country_distribution_round_trips(Distribution<Country> value) => (Json.RoundTrip(value).Equals(value)).Label("Json.RoundTrip(value).Equals(value)");

    [Property]
    public Property Age_distribution_round_trips(Distribution<AgeBucket> value) => (Json.RoundTrip(value).Equals(value)).Label("Json.RoundTrip(value).Equals(value)");

    [Property]
    public Property Gender_distribution_round_trips(Distribution<AudienceGender> value) => (Json.RoundTrip(value).Equals(value)).Label("Json.RoundTrip(value).Equals(value)");

    [Property]
    public Property Device_distribution_round_trips(Distribution<AudienceDevice> value) => (Json.RoundTrip(value).Equals(value)).Label("Json.RoundTrip(value).Equals(value)");

    [Property]
    public Property Language_distribution_round_trips(Distribution<Language> value) => (Json.RoundTrip(value).Equals(value)).Label("Json.RoundTrip(value).Equals(value)");

    [Property]
    public Property Ids_round_trip(CreatorId creator, BrandId brand, CampaignId campaign, CollaborationId collaboration, ContractId contract) =>
        (Json.RoundTrip(creator) == creator).Label("Json.RoundTrip(creator) == creator")
            .And((Json.RoundTrip(brand) == brand).Label("Json.RoundTrip(brand) == brand"))
            .And((Json.RoundTrip(campaign) == campaign).Label("Json.RoundTrip(campaign) == campaign"))
            .And((Json.RoundTrip(collaboration) == collaboration).Label("Json.RoundTrip(collaboration) == collaboration"))
            .And((Json.RoundTrip(contract) == contract).Label("Json.RoundTrip(contract) == contract"));

    [Property]
    public Property More_ids_round_trip(InvoiceId invoice, PayoutId payout, ShortlistId shortlist, SavedSearchId savedSearch) =>
        (Json.RoundTrip(invoice) == invoice).Label("Json.RoundTrip(invoice) == invoice")
            .And((Json.RoundTrip(payout) == payout).Label("Json.RoundTrip(payout) == payout"))
            .And((Json.RoundTrip(shortlist) == shortlist).Label("Json.RoundTrip(shortlist) == shortlist"))
            .And((Json.RoundTrip(savedSearch) == savedSearch).Label("Json.RoundTrip(savedSearch) == savedSearch"));

    [Property]
    public Property Content_label_round_trips(ContentLabel value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Industry_label_round_trips(IndustryLabel value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Secret_reference_round_trips(SecretReference value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Rights_term_round_trips(RightsTerm value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Number_ranges_round_trip(NumberRange<int> ints, NumberRange<long> longs, NumberRange<double> doubles, NumberRange<decimal> decimals) =>
        (Json.RoundTrip(ints) == ints
        && Json.RoundTrip(longs) == longs
        && Json.RoundTrip(doubles) == doubles
        && Json.RoundTrip(decimals) is var read && read == decimals && Scales(read) == Scales(decimals)).Label("Number ranges round trip");

    [Property]
    public Property Price_range_round_trips(PriceRange value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Search_position_round_trips(SearchPosition value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Audience_thresholds_round_trip(AudienceThreshold<Country> country, AudienceThreshold<AudienceGender> gender, AudienceThreshold<AgeBucket> age) =>
        (Json.RoundTrip(country) == country).Label("Json.RoundTrip(country) == country")
            .And((Json.RoundTrip(gender) == gender).Label("Json.RoundTrip(gender) == gender"))
            .And((Json.RoundTrip(age) == age).Label("Json.RoundTrip(age) == age"));

    [Property]
    public Property Ratio_round_trips(Ratio value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Unit_cost_round_trips(UnitCost value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Ledger_account_round_trips(LedgerAccount value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Peer_group_round_trips(PeerGroup value) => (Json.RoundTrip(value) == value).Label("Json.RoundTrip(value) == value");

    [Property]
    public Property Values_serve_as_dictionary_keys(CreatorId creator, ContentLabel label, Subdivision subdivision, Country country)
    {
        var byCreator = Json.RoundTrip(new Dictionary<CreatorId, int> { [creator] = 1 });
        var byLabel = Json.RoundTrip(new Dictionary<ContentLabel, int> { [label] = 2 });
        var bySubdivision = Json.RoundTrip(new Dictionary<Subdivision, int> { [subdivision] = 3 });
        var byCountry = Json.RoundTrip(new Dictionary<Country, int> { [country] = 4 });
        return (byCreator[creator] == 1).Label("byCreator[creator] == 1")
            .And((byLabel[label] == 2).Label("byLabel[label] == 2"))
            .And((bySubdivision[subdivision] == 3).Label("bySubdivision[subdivision] == 3"))
            .And((byCountry[country] == 4).Label("byCountry[country] == 4"));
    }

    [Property]
    public Property Records_of_these_values_round_trip_with_the_serializers_defaults(Currency from, Currency to, LedgerAccount debit, LedgerAccount credit, Money amount, PositiveInt sequence)
    {
        // Core's records made only of these values need no converter of their own.
        var at = NodaTime.Instant.FromUtc(2026, 11, 25, 9, 30);
        var rate = new ExchangeRate(from, to, 1.0842m, at, "ecb");
        var entry = new LedgerEntry(sequence.Get, "charge:42", debit, credit, amount, at, "funding");
        var ratio = new RollUp(Ratio.Of(3, 40), 2, 3);
        return (Json.RoundTrip(rate) == rate).Label("Json.RoundTrip(rate) == rate")
            .And((Json.RoundTrip(entry) == entry).Label("Json.RoundTrip(entry) == entry"))
            .And((Json.RoundTrip(ratio) == ratio).Label("Json.RoundTrip(ratio) == ratio"));
    }

    // Trailing zeros are part of a decimal's written form ("12.50"), so the scale must survive as well as the value.
    private static (int?, int?) Scales(NumberRange<decimal> range) => (range.Min?.Scale, range.Max?.Scale);
}

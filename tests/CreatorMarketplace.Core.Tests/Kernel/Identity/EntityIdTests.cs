using NodaTime;
using CreatorMarketplace.Payments;
using NodaTime.Testing;

namespace CreatorMarketplace.Tests.Kernel;

public class EntityIdTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 9, 30);

    [Fact]
    public void New_ids_are_version_7_uuids_stamped_by_the_injected_clock()
    {
        var clock = new FakeClock(Start);

        var id = EntityId.New<CreatorId>(clock);

        id.Value.ToString()[14].ShouldBe('7');
        EntityId.CreatedAt(id).ShouldBe(Start);
    }

    [Fact]
    public void Ids_can_be_made_reproducibly_from_given_bits()
    {
        byte[] random = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        var id = EntityId.Create<CreatorId>(Start, random);

        id.ShouldBe(EntityId.Create<CreatorId>(Start, random));
        EntityId.CreatedAt(id).ShouldBe(Start);
        id.Value.ToString()[14].ShouldBe('7');
        Should.Throw<ArgumentException>(() => EntityId.Create<CreatorId>(Start, random.AsSpan(0, 9))).ParamName.ShouldBe("random");
    }

    [Fact]
    public void Ids_made_later_sort_later()
    {
        var clock = new FakeClock(Start);
        var ids = new List<CampaignId>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(EntityId.New<CampaignId>(clock));
            clock.AdvanceMilliseconds(1);
        }

        ids.Order().ShouldBe(ids);
    }

    [Fact]
    public void Ids_round_trip_through_text()
    {
        var id = EntityId.New<BrandId>(new FakeClock(Start));

        BrandId.Parse(id.ToString()).ShouldBe(id);
        BrandId.TryParse(id.ToString(), null, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(id);
        BrandId.TryParse(id.ToString(), out var withoutProvider).ShouldBeTrue();
        withoutProvider.ShouldBe(id);
        ShortlistId.TryParse("not a uuid", out _).ShouldBeFalse();
    }

    [Fact]
    public void The_empty_uuid_is_never_an_id()
    {
        Should.Throw<ArgumentException>(() => CreatorId.From(Guid.Empty)).Message.ShouldContain("CreatorId cannot be the empty UUID");
        Should.Throw<FormatException>(() => ContractId.Parse(Guid.Empty.ToString())).Message.ShouldContain("ContractId");
        CollaborationId.TryParse("not a uuid", null, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_default_id_holds_no_uuid_to_read()
    {
        Should.Throw<InvalidOperationException>(() => default(CreatorId).Value).Message
            .ShouldBe("default(CreatorId) is not an id: make one with EntityId.New, EntityId.Create, CreatorId.From or CreatorId.Parse.");
        Should.Throw<InvalidOperationException>(() => EntityId.CreatedAt(default(CampaignId))).Message.ShouldStartWith("default(CampaignId) is not an id");
    }

    [Fact]
    public void A_default_id_prints_as_the_default_not_as_zeros()
    {
        default(InvoiceId).ToString().ShouldBe("default(InvoiceId)");
        $"{default(PayoutId)}".ShouldBe("default(PayoutId)");
    }

    [Fact]
    public void A_default_id_equals_only_another_default_and_sorts_first()
    {
        var id = EntityId.New<BrandId>(new FakeClock(Start));

        default(BrandId).ShouldBe(default(BrandId));
        default(BrandId).GetHashCode().ShouldBe(default(BrandId).GetHashCode());
        (default(BrandId) == id).ShouldBeFalse();
        default(BrandId).CompareTo(id).ShouldBeLessThan(0);
        id.CompareTo(default).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_ledger_account_is_never_owned_by_a_default_id()
    {
        // The platform's own accounts have the empty UUID as owner; a default id must not pass for one of them.
        Should.Throw<InvalidOperationException>(() => LedgerAccount.CreatorPayable(default));
        Should.Throw<InvalidOperationException>(() => new EscrowLedger().Charge("charge-1", default, EntityId.New<BrandId>(new FakeClock(Start)), Money.Of(10m, Currency.USD), new FakeClock(Start)));
    }

    [Fact]
    public void Uuids_of_other_versions_have_no_creation_instant()
    {
        EntityId.CreatedAt(CreatorId.From(Guid.Parse("6ba7b810-9dad-41d1-80b4-00c04fd430c8"))).ShouldBeNull();
    }

    [Fact]
    public void A_clock_before_1970_cannot_stamp_an_id()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => EntityId.New<CreatorId>(new FakeClock(Instant.FromUtc(1969, 12, 31, 0, 0))));
    }
}

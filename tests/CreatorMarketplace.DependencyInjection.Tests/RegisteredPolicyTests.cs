using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;
using CreatorMarketplace.Payments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CreatorMarketplace.Tests.Campaigns.CampaignFixtures;

namespace CreatorMarketplace.DependencyInjection.Tests;

// Each policy set on the builder changes what the entry points the container hands a command handler do.
public sealed class RegisteredPolicyTests
{
    private readonly FakeClock _clock = Clock();

    [Fact]
    public void Collaborations_opened_through_the_container_run_under_the_registered_policy()
    {
        using var provider = Provider(b => b.UseCollaborationPolicy(new CollaborationPolicy(Duration.FromDays(2))));
        var opener = provider.GetRequiredService<CollaborationOpener>();

        var collaboration = opener.Invite(EntityId.New<CollaborationId>(_clock), Recruiting(_clock), Maya).GetValueOrThrow();
        var applied = opener.Apply(EntityId.New<CollaborationId>(_clock), Recruiting(_clock), Maya).GetValueOrThrow();
        Agree(collaboration, "net-30");
        collaboration.SubmitDraft("launch-video", "v1", _clock).ThrowIfNotAllowed();
        _clock.Advance(Duration.FromDays(2));

        applied.Policy.AutoApprovalAfter.ShouldBe(Duration.FromDays(2));
        collaboration.ApplyAutoApprovals(_clock).GetValueOrThrow().ShouldBe(["launch-video"], "two days, not the default fourteen");
        collaboration.History.OfType<CollaborationOpened>().Single().OccurredAt.ShouldBe(Now, "the registered clock");
    }

    [Fact]
    public void Payments_made_through_the_container_withhold_the_registered_fee()
    {
        using var provider = Provider(b => b.UseFeePolicy(new FeePolicy(0.1m, null, MidpointRounding.AwayFromZero)));
        var ledger = new EscrowLedger();
        var payments = provider.GetRequiredService<Func<EscrowLedger, CollaborationPayments>>()(ledger);
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(_clock), Recruiting(_clock), Maya, _clock).GetValueOrThrow();

        var contract = Agree(collaboration, "immediate");
        foreach (var e in collaboration.History)
        {
            payments.Handle(e, contract, _clock).ShouldAllBe(result => result.IsPosted);
        }

        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(900m, Currency.USD));
    }

    [Fact]
    public void Payments_made_through_the_container_refund_by_the_registered_policy()
    {
        using var provider = Provider(b => b.UseRefundPolicy(RefundPolicy.Default.With(RefundCase.BrandCancelledBeforeSubmission, 0.25m)));
        var ledger = new EscrowLedger();
        var payments = provider.GetRequiredService<Func<EscrowLedger, CollaborationPayments>>()(ledger);
        var collaboration = Collaboration.Invite(EntityId.New<CollaborationId>(_clock), Recruiting(_clock), Maya, _clock).GetValueOrThrow();

        var contract = Agree(collaboration, "net-30");
        collaboration.Cancel(Actor.Brand, "The launch moved.", _clock).ThrowIfNotAllowed();
        foreach (var e in collaboration.History)
        {
            payments.Handle(e, contract, _clock).ShouldAllBe(result => result.IsPosted);
        }

        ledger.Balance(LedgerAccount.CreatorPayable(Maya), Currency.USD).ShouldBe(Money.Of(750m, Currency.USD), "three quarters to the creator, where the default gives the brand everything back");
    }

    private ServiceProvider Provider(Action<CreatorMarketplaceBuilder> policies) =>
        new ServiceCollection().AddSingleton<IClock>(_clock).AddCreatorMarketplace(b => policies(b.UseInMemory())).BuildServiceProvider();

    // An offer of USD 1,000 accepted and a contract on the given payment terms signed and attached.
    private Contract Agree(Collaboration collaboration, string paymentTerms)
    {
        collaboration.MakeOffer(Actor.Brand, Offer(1_000m), Now + Duration.FromDays(3), _clock).ThrowIfNotAllowed();
        collaboration.AcceptOffer(Actor.Creator, 1, _clock).ThrowIfNotAllowed();
        return AttachSignedContract(collaboration, _clock, paymentTerms);
    }
}

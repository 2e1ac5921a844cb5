using Ardalis.SmartEnum;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Contracts;

namespace CreatorMarketplace.Tests.Kernel;

public class LifecycleStatusTests
{
    // The actions every lifecycle status permits, as they stood when the statuses came to share one base.
    [Fact]
    public void Every_lifecycle_status_permits_the_actions_it_always_has()
    {
        string[] table =
        [
            .. ContractStatus.List.OrderBy(s => s.Value).Select(s => $"contract {s}: {string.Join(", ", s.PermittedActions)}"),
            .. CampaignStatus.List.OrderBy(s => s.Value).Select(s => $"campaign {s}: {string.Join(", ", s.PermittedActions)}"),
            .. CollaborationStatus.List.OrderBy(s => s.Value).Select(s => $"collaboration {s}: {string.Join(", ", s.PermittedActions)}"),
        ];

        table.ShouldBe([
            "contract draft: send, amend, terminate",
            "contract sent: sign, amend, terminate",
            "contract signed: activate, amend, sign, terminate",
            "contract active: amend, sign, complete, terminate",
            "contract completed: ",
            "contract terminated: ",
            "campaign draft: revise, set brief, start recruiting, use codes, cancel",
            "campaign recruiting: revise, set brief, run, use codes, cancel",
            "campaign running: use codes, complete, cancel",
            "campaign completed: ",
            "campaign cancelled: ",
            "collaboration invited: make offer, decline, cancel, send message, read messages",
            "collaboration applied: make offer, decline, cancel, send message, read messages",
            "collaboration negotiating: make offer, accept offer, decline offer, withdraw offer, cancel, send message, read messages",
            "collaboration agreed: attach contract, cancel, send message, read messages",
            "collaboration in production: submit draft, review content, record ad review, auto-approve, record post, verify, cancel, send message, read messages",
            "collaboration completed: read messages",
            "collaboration declined: read messages",
            "collaboration cancelled: read messages",
        ]);
    }

    [Fact]
    public void A_status_refuses_every_action_it_does_not_permit_naming_the_action_and_the_status()
    {
        string[] refusals =
        [
            .. Refusals<ContractStatus, ContractAction>("contract"),
            .. Refusals<CampaignStatus, CampaignAction>("campaign"),
            .. Refusals<CollaborationStatus, CollaborationAction>("collaboration"),
        ];

        refusals.ShouldBeEmpty();
    }

    [Fact]
    public void A_status_s_permitted_actions_cannot_be_changed_through_the_list()
    {
        var permitted = (IList<ContractAction>)ContractStatus.Draft.PermittedActions;

        Should.Throw<NotSupportedException>(() => permitted[0] = ContractAction.Complete);
        ContractStatus.Draft.Permits(ContractAction.Send).ShouldBeTrue();
        ContractStatus.Draft.Permits(ContractAction.Complete).ShouldBeFalse();
    }

    // Every pair of status and action refused wrongly: refused though permitted, or let through though not, or
    // refused without naming the action and the status (the wording is held by the aggregates' own tests).
    private static IEnumerable<string> Refusals<TStatus, TAction>(string aggregate)
        where TStatus : LifecycleStatus<TStatus, TAction>
        where TAction : SmartEnum<TAction, int> =>
        from status in LifecycleStatus<TStatus, TAction>.List
        from action in SmartEnum<TAction, int>.List
        let permitted = status.PermittedActions.Contains(action)
        let refusal = NotAllowed.UnlessPermitted(action, status, aggregate)
        where status.Permits(action) != permitted
            || (permitted
                ? refusal is not null
                : refusal is null || refusal.Action != action.Name || refusal.State != status.Name
                    || !refusal.Reason.StartsWith($"a {aggregate} that is {status.Name} allows ", StringComparison.Ordinal))
        select $"{aggregate} {status.Name}, {action.Name}: {refusal}";
}

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
            .. ContractStatus.List.OrderBy(s => s.Value).Select(s => $"contract {s}: {string.Join(", ", s.AllowedActions)}"),
            .. CampaignStatus.List.OrderBy(s => s.Value).Select(s => $"campaign {s}: {string.Join(", ", s.AllowedActions)}"),
            .. CollaborationStatus.List.OrderBy(s => s.Value).Select(s => $"collaboration {s}: {string.Join(", ", s.AllowedActions)}"),
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
}

using Ardalis.SmartEnum;

namespace CreatorMarketplace.Campaigns;

/// <summary>An action on a <see cref="Campaign"/>; which ones a status permits is data on <see cref="CampaignStatus"/>.</summary>
public sealed class CampaignAction : SmartEnum<CampaignAction, int>
{
    /// <summary>Change the plan.</summary>
    public static readonly CampaignAction Revise = new("revise", 1);

    /// <summary>Set or replace the brief.</summary>
    public static readonly CampaignAction SetBrief = new("set brief", 2);

    /// <summary>Open the campaign to creators.</summary>
    public static readonly CampaignAction StartRecruiting = new("start recruiting", 3);

    /// <summary>Start the campaign's content going live.</summary>
    public static readonly CampaignAction Run = new("run", 4);

    /// <summary>Add a campaign code or link an order to one.</summary>
    public static readonly CampaignAction UseCodes = new("use codes", 5);

    /// <summary>Close a running campaign.</summary>
    public static readonly CampaignAction Complete = new("complete", 6);

    /// <summary>Stop the campaign.</summary>
    public static readonly CampaignAction Cancel = new("cancel", 7);

    private CampaignAction(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>Where a campaign is in its life: draft → recruiting → running → completed, or cancelled.</summary>
public sealed class CampaignStatus : LifecycleStatus<CampaignStatus, CampaignAction>
{
    /// <summary>Being planned.</summary>
    public static readonly CampaignStatus Draft = new("draft", 1, CampaignAction.Revise, CampaignAction.SetBrief, CampaignAction.StartRecruiting, CampaignAction.UseCodes, CampaignAction.Cancel);

    /// <summary>Inviting creators and taking applications.</summary>
    public static readonly CampaignStatus Recruiting = new("recruiting", 2, CampaignAction.Revise, CampaignAction.SetBrief, CampaignAction.Run, CampaignAction.UseCodes, CampaignAction.Cancel);

    /// <summary>Content is being made and posted.</summary>
    public static readonly CampaignStatus Running = new("running", 3, CampaignAction.UseCodes, CampaignAction.Complete, CampaignAction.Cancel);

    /// <summary>Closed.</summary>
    public static readonly CampaignStatus Completed = new("completed", 4);

    /// <summary>Stopped before completion.</summary>
    public static readonly CampaignStatus Cancelled = new("cancelled", 5);

    private CampaignStatus(string name, int value, params CampaignAction[] permitted)
        : base(name, value, permitted)
    {
    }
}

using Ardalis.SmartEnum;

namespace CreatorMarketplace.Contracts;

/// <summary>An action on a <see cref="Contract"/>; which ones a status permits is data on <see cref="ContractStatus"/>.</summary>
public sealed class ContractAction : SmartEnum<ContractAction, int>
{
    /// <summary>Send the draft to the creator for signature.</summary>
    public static readonly ContractAction Send = new("send", 1);

    /// <summary>Sign the newest version.</summary>
    public static readonly ContractAction Sign = new("sign", 2);

    /// <summary>Replace the terms with a new version (before signing, a revision; after, an amendment both sign).</summary>
    public static readonly ContractAction Amend = new("amend", 3);

    /// <summary>Start the work under a signed contract.</summary>
    public static readonly ContractAction Activate = new("activate", 4);

    /// <summary>Record that the work is done; the rights granted live on.</summary>
    public static readonly ContractAction Complete = new("complete", 5);

    /// <summary>End the contract early; its rights end with it.</summary>
    public static readonly ContractAction Terminate = new("terminate", 6);

    private ContractAction(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>
/// Where a contract is in its life: draft → sent → signed (by both) → active → completed, or terminated from any
/// state before completion. Each status lists the actions it permits.
/// </summary>
public sealed class ContractStatus : LifecycleStatus<ContractStatus, ContractAction>
{
    /// <summary>Being written by the brand; nothing binds anyone.</summary>
    public static readonly ContractStatus Draft = new("draft", 1, ContractAction.Send, ContractAction.Amend, ContractAction.Terminate);

    /// <summary>Sent for signature; not binding until both parties sign the same version.</summary>
    public static readonly ContractStatus Sent = new("sent", 2, ContractAction.Sign, ContractAction.Amend, ContractAction.Terminate);

    /// <summary>Signed by both parties; its terms, rights and exclusivity are in force.</summary>
    public static readonly ContractStatus Signed = new("signed", 3, ContractAction.Activate, ContractAction.Amend, ContractAction.Sign, ContractAction.Terminate);

    /// <summary>The work is under way.</summary>
    public static readonly ContractStatus Active = new("active", 4, ContractAction.Amend, ContractAction.Sign, ContractAction.Complete, ContractAction.Terminate);

    /// <summary>The work is done; rights granted for a term stay in force until it ends.</summary>
    public static readonly ContractStatus Completed = new("completed", 5);

    /// <summary>Ended early; no right or exclusivity outlives the termination.</summary>
    public static readonly ContractStatus Terminated = new("terminated", 6);

    private ContractStatus(string name, int value, params ContractAction[] permitted)
        : base(name, value, permitted)
    {
    }

    /// <summary>Whether the terms of a signed version bind the parties in this status.</summary>
    public bool IsBinding => this == Signed || this == Active || this == Completed;
}

using Ardalis.SmartEnum;

namespace CreatorMarketplace;

/// <summary>
/// A status in an aggregate's life that lists, as data, the actions it permits; an aggregate refuses any other
/// action with <see cref="NotAllowed"/> naming the action and the status.
/// </summary>
/// <typeparam name="TSelf">The status type itself.</typeparam>
/// <typeparam name="TAction">The aggregate's action type.</typeparam>
public abstract class LifecycleStatus<TSelf, TAction> : SmartEnum<TSelf, int>
    where TSelf : LifecycleStatus<TSelf, TAction>
    where TAction : SmartEnum<TAction, int>
{
    private readonly TAction[] _permitted;

    /// <summary>Creates a status.</summary>
    /// <param name="name">The status's name, for example <c>draft</c>.</param>
    /// <param name="value">The status's number.</param>
    /// <param name="permitted">The actions the status permits, in the order they are listed in refusals.</param>
    /// <exception cref="ArgumentNullException"><paramref name="permitted"/> is null.</exception>
    protected LifecycleStatus(string name, int value, TAction[] permitted)
        : base(name, value)
    {
        ArgumentNullException.ThrowIfNull(permitted);
        _permitted = [.. permitted];
        PermittedActions = Array.AsReadOnly(_permitted);
    }

    /// <summary>
    /// The actions this status permits (an action may still be refused for a reason of its own, such as signing
    /// twice).
    /// </summary>
    public IReadOnlyList<TAction> PermittedActions { get; }

    /// <summary>Whether this status permits an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>True when permitted.</returns>
    public bool Permits(TAction action) => Array.IndexOf(_permitted, action) >= 0;
}

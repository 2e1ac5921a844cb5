using Ardalis.SmartEnum;
using OneOf;
using OneOf.Types;

namespace CreatorMarketplace;

/// <summary>
/// An action an aggregate refused because of the state it is in: which action, which state, and why. Nothing
/// changed.
/// </summary>
/// <param name="Action">The action asked for, for example <c>sign</c>.</param>
/// <param name="State">The state the aggregate was in, for example <c>draft</c>.</param>
/// <param name="Reason">Why the action is not allowed now, as a sentence.</param>
public sealed record NotAllowed(string Action, string State, string Reason)
{
    /// <summary>Formats the refusal, for example <c>"sign is not allowed while draft: the contract has not been sent."</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Action} is not allowed while {State}: {Reason}";

    // The refusal of an action the status does not permit, worded the same for every aggregate.
    internal static NotAllowed? UnlessPermitted<TStatus, TAction>(TAction action, LifecycleStatus<TStatus, TAction> status, string aggregate)
        where TStatus : LifecycleStatus<TStatus, TAction>
        where TAction : SmartEnum<TAction, int> =>
        status.Permits(action)
            ? null
            : new(action.Name, status.Name, status.PermittedActions.Count == 0
                ? $"a {aggregate} that is {status.Name} allows no action."
                : $"a {aggregate} that is {status.Name} allows only {string.Join(", ", status.PermittedActions)}.");
}

/// <summary>
/// The outcome of a command on an aggregate (an action asked of it): done, or <see cref="NotAllowed"/> in the
/// current state. Named for the command, not the HTTP action, so that it never clashes with ASP.NET Core's. Invalid
/// input is not an outcome but a <see cref="DomainValidationException"/>; neither a refusal nor an exception
/// changes anything.
/// </summary>
[Union]
public sealed partial class CommandResult : OneOfBase<Success, NotAllowed>
{
    /// <summary>The action was carried out (or there was nothing to change).</summary>
    public static CommandResult Done { get; } = new(default(Success));

    /// <summary>Whether the action was carried out.</summary>
    public bool IsDone => IsT0;

    /// <summary>The refusal, when the action was not allowed; otherwise null.</summary>
    public NotAllowed? Refusal => IsT1 ? AsT1 : null;

    /// <summary>Throws when the action was not allowed; for callers that know it must be.</summary>
    /// <exception cref="NotAllowedException">The action was not allowed; the message names the action, the state and why.</exception>
    public void ThrowIfNotAllowed()
    {
        if (IsT1)
        {
            throw new NotAllowedException(AsT1);
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsT0 ? "done" : AsT1.ToString();
}

/// <summary>
/// The outcome of a command on an immutable value: the new value, or <see cref="NotAllowed"/> in the value's
/// current state (the original is unchanged either way).
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
[Union]
public sealed partial class CommandResult<T> : OneOfBase<T, NotAllowed>
{
    /// <summary>Whether the action was carried out.</summary>
    public bool IsDone => IsT0;

    /// <summary>The refusal, when the action was not allowed; otherwise null.</summary>
    public NotAllowed? Refusal => IsT1 ? AsT1 : null;

    /// <summary>The new value, or throws when the action was not allowed.</summary>
    /// <returns>The new value.</returns>
    /// <exception cref="NotAllowedException">The action was not allowed.</exception>
    public T GetValueOrThrow() => IsT0 ? AsT0 : throw new NotAllowedException(AsT1);

    /// <summary>Wraps a new value by name; needed where <typeparamref name="T"/> is an interface, which C# does not convert implicitly.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult<T> Done(T value) => new(value);
}

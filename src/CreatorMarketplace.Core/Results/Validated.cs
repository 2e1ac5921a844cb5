using OneOf;

namespace CreatorMarketplace;

/// <summary>
/// The result of validating input that may be invalid as a matter of course (a user's query, a stored policy):
/// either the valid <typeparamref name="T"/> or <see cref="Invalid"/> with every problem. Use
/// <c>Match</c>/<c>Switch</c> from OneOf, or <see cref="IsValid"/> with <see cref="GetValueOrThrow"/> and <see cref="Errors"/>.
/// </summary>
/// <typeparam name="T">The valid value's type.</typeparam>
[Union]
public sealed partial class Validated<T> : OneOfBase<T, Invalid>
{
    /// <summary>Whether the input was valid.</summary>
    public bool IsValid => IsT0;

    /// <summary>The valid value, or a <see cref="DomainValidationException"/> with every problem.</summary>
    /// <returns>The valid value.</returns>
    /// <exception cref="DomainValidationException">The input was invalid.</exception>
    public T GetValueOrThrow() => IsT0 ? AsT0 : throw new DomainValidationException(AsT1.Errors);

    /// <summary>The problems found; empty when the input was valid.</summary>
    public IReadOnlyList<DomainError> Errors => IsT1 ? AsT1.Errors : [];

    /// <summary>
    /// Wraps a valid value. Also for an interface <typeparamref name="T"/>, where C# allows no implicit conversion.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The valid result.</returns>
    public static Validated<T> Valid(T value) => new(value);

    /// <summary>Wraps the problems found.</summary>
    /// <param name="invalid">The problems.</param>
    /// <returns>The invalid result.</returns>
    public static Validated<T> Failed(Invalid invalid) => new(invalid);
}

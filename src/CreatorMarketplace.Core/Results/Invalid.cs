namespace CreatorMarketplace;

/// <summary>
/// The outcome "the input was not valid", with every problem found. A case of result unions such as
/// <see cref="Validated{T}"/>; never empty.
/// </summary>
public sealed record Invalid
{
    /// <summary>Creates the outcome from the problems found.</summary>
    /// <param name="errors">At least one error.</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public Invalid(IEnumerable<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors.ToArray();
        if (Errors.Count == 0)
        {
            throw new ArgumentException("errors: an Invalid outcome needs at least one error.", nameof(errors));
        }
    }

    /// <summary>Creates the outcome from one problem.</summary>
    /// <param name="field">The field at fault, or an empty string for the value as a whole.</param>
    /// <param name="code">A stable code in dotted lower case.</param>
    /// <param name="message">What is wrong and which rule it breaks.</param>
    public Invalid(string field, string code, string message)
        : this([new DomainError(field, code, message)])
    {
    }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<DomainError> Errors { get; }

    /// <summary>Whether both outcomes list the same errors in the same order.</summary>
    /// <param name="other">The other outcome.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(Invalid? other) => other is not null && Errors.SequenceEqual(other.Errors);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var error in Errors)
        {
            hash.Add(error);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats the errors, one per line.</summary>
    /// <returns>The formatted errors.</returns>
    public override string ToString() => string.Join(Environment.NewLine, Errors);
}

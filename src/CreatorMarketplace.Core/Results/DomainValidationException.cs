namespace CreatorMarketplace;

/// <summary>
/// Thrown when a value given to the library breaks its rules: a programmer error. It carries every problem found,
/// each naming its field and rule; nothing was built or changed.
/// </summary>
public sealed class DomainValidationException : ArgumentException
{
    /// <summary>Creates the exception for the problems found.</summary>
    /// <param name="errors">At least one error.</param>
    /// <param name="paramName">The argument that was validated, if any.</param>
    public DomainValidationException(IReadOnlyList<DomainError> errors, string? paramName = null)
        : base(Describe(errors), paramName)
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<DomainError> Errors { get; }

    private static string Describe(IReadOnlyList<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("errors: a validation exception needs at least one error.", nameof(errors));
        }

        return errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems: " + string.Join("; ", errors);
    }
}

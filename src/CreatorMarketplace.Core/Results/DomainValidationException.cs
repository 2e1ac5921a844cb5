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

    /// <summary>The exception for one problem, for a check that stops at the first.</summary>
    /// <param name="paramName">The argument at fault.</param>
    /// <param name="code">A stable code in dotted lower case.</param>
    /// <param name="message">What is wrong and which rule it breaks.</param>
    /// <param name="field">The path of the field at fault inside the argument (<c>"post.PostedAt"</c>); the argument itself when null.</param>
    /// <returns>The exception, to throw.</returns>
    internal static DomainValidationException Of(string paramName, string code, string message, string? field = null) =>
        new([new DomainError(field ?? paramName, code, message)], paramName);

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

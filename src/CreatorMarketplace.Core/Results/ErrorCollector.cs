namespace CreatorMarketplace;

/// <summary>
/// Collects every problem found while validating a value, so that the caller hears of all of them at once rather
/// than one per attempt. Scope nested fields with <see cref="At"/>; finish with <see cref="ThrowIfAny"/> (for
/// programmer errors) or <see cref="ToResult{T}"/> (for expected outcomes).
/// </summary>
/// <example>
/// <code>
/// var errors = new ErrorCollector();
/// errors.Require(brief.Deliverables.Count &lt;= 10, "deliverables", "brief.too_many_deliverables", "an order holds at most 10 deliverables");
/// var first = errors.At("deliverables[0]");
/// first.Require(due &gt;= start, "dueDate", "brief.due_before_start", "the due date must fall inside the campaign timeline");
/// errors.ThrowIfAny();
/// </code>
/// </example>
public sealed class ErrorCollector
{
    // A scoped view (At) adds to its root's list, which is made at the first error: validating a valid value, as
    // reading a stored one does by the million, allocates no list.
    private readonly ErrorCollector _root;
    private readonly string _prefix;
    private List<DomainError>? _errors;

    /// <summary>Creates an empty collector.</summary>
    public ErrorCollector()
    {
        _root = this;
        _prefix = string.Empty;
    }

    private ErrorCollector(ErrorCollector root, string prefix)
    {
        _root = root;
        _prefix = prefix;
    }

    /// <summary>The errors collected so far, in the order they were found.</summary>
    public IReadOnlyList<DomainError> Errors => (IReadOnlyList<DomainError>?)_root._errors ?? [];

    /// <summary>Whether any error has been collected.</summary>
    public bool HasErrors => _root._errors is { Count: > 0 };

    private List<DomainError> Collected => _root._errors ??= [];

    /// <summary>
    /// A view of this collector for a nested field: errors added through it land here with their field prefixed,
    /// so <c>At("deliverables[2]").Add("dueDate", …)</c> records <c>"deliverables[2].dueDate"</c>.
    /// </summary>
    /// <param name="field">The nested field's path relative to this collector.</param>
    /// <returns>The scoped collector, sharing this collector's list.</returns>
    public ErrorCollector At(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return new ErrorCollector(_root, Qualify(field));
    }

    /// <summary>Adds an error.</summary>
    /// <param name="field">The field at fault relative to this collector, or an empty string for the value itself.</param>
    /// <param name="code">A stable code in dotted lower case.</param>
    /// <param name="message">What is wrong and which rule it breaks.</param>
    /// <returns>This collector.</returns>
    public ErrorCollector Add(string field, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        Collected.Add(new DomainError(Qualify(field), code, message));
        return this;
    }

    /// <summary>Adds errors found elsewhere (by another validator) under this collector's scope.</summary>
    /// <param name="errors">The errors; their fields are taken as relative to this collector.</param>
    /// <returns>This collector.</returns>
    public ErrorCollector AddRange(IEnumerable<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Collected.Add(new DomainError(Qualify(error.Field), error.Code, error.Message));
        }

        return this;
    }

    /// <summary>Adds an error when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The rule that must hold.</param>
    /// <param name="field">The field at fault relative to this collector.</param>
    /// <param name="code">A stable code in dotted lower case.</param>
    /// <param name="message">What is wrong and which rule it breaks.</param>
    /// <returns>Whether the rule held.</returns>
    public bool Require(bool condition, string field, string code, string message)
    {
        if (!condition)
        {
            Add(field, code, message);
        }

        return condition;
    }

    /// <summary>Adds an error when a text breaks a <see cref="TextRule"/>; a null text passes.</summary>
    /// <param name="rule">The rule the text must keep.</param>
    /// <param name="text">The text.</param>
    /// <param name="field">The field holding the text, relative to this collector.</param>
    /// <returns>Whether the text keeps the rule.</returns>
    public bool RequireText(TextRule rule, string? text, string field)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Check(text, field) is not { } error)
        {
            return true;
        }

        Add(field, error.Code, error.Message);
        return false;
    }

    /// <summary>
    /// Adds an error for each text in a list that breaks a <see cref="TextRule"/>, naming it by its index
    /// (<c>"Hashtags[2]"</c>); a null list or item passes.
    /// </summary>
    /// <param name="rule">The rule every text must keep.</param>
    /// <param name="texts">The texts.</param>
    /// <param name="field">The field holding the list, relative to this collector.</param>
    /// <returns>Whether every text keeps the rule.</returns>
    public bool RequireTexts(TextRule rule, IEnumerable<string?>? texts, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var kept = true;
        var index = 0;
        foreach (var text in texts ?? [])
        {
            kept &= RequireText(rule, text, $"{field}[{index++}]");
        }

        return kept;
    }

    /// <summary>Throws a <see cref="DomainValidationException"/> carrying every collected error, if there is any.</summary>
    /// <param name="paramName">The argument that was being validated, if any.</param>
    /// <exception cref="DomainValidationException">At least one error was collected.</exception>
    public void ThrowIfAny(string? paramName = null)
    {
        if (HasErrors)
        {
            throw new DomainValidationException(Collected.ToArray(), paramName);
        }
    }

    /// <summary>
    /// Returns <see cref="Invalid"/> with every collected error, or the value that <paramref name="build"/> makes
    /// when there is none (it is not called otherwise, so no half-valid value is ever built).
    /// </summary>
    /// <typeparam name="T">The validated value's type.</typeparam>
    /// <param name="build">Builds the value once it is known to be valid.</param>
    /// <returns>The value or the errors.</returns>
    public Validated<T> ToResult<T>(Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return HasErrors ? new Invalid(Collected.ToArray()) : build();
    }

    private string Qualify(string field) =>
        _prefix.Length == 0 ? field
        : field.Length == 0 ? _prefix
        : field[0] == '[' ? _prefix + field
        : _prefix + "." + field;
}

namespace CreatorMarketplace;

/// <summary>
/// One problem with a value or a command: a stable machine-readable <see cref="Code"/>, a sentence for people,
/// and the <see cref="Field"/> path it concerns (<c>"deliverables[2].dueDate"</c>; empty for the value as a whole).
/// </summary>
public sealed record DomainError
{
    /// <summary>Creates an error.</summary>
    /// <param name="field">The path of the field at fault, or an empty string for the value as a whole.</param>
    /// <param name="code">A stable code in dotted lower case, for example <c>"distribution.sum_out_of_tolerance"</c>.</param>
    /// <param name="message">What is wrong and which rule it breaks, for people.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is blank.</exception>
    public DomainError(string field, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Field = field;
        Code = code;
        Message = ErrorText.Bound(message);
    }

    /// <summary>The path of the field at fault, or an empty string for the value as a whole.</summary>
    public string Field { get; }

    /// <summary>A stable code in dotted lower case that programs can match on.</summary>
    public string Code { get; }

    /// <summary>What is wrong and which rule it breaks, for people.</summary>
    public string Message { get; }

    /// <summary>Formats the error as <c>"field: message (code)"</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => Field.Length == 0 ? $"{Message} ({Code})" : $"{Field}: {Message} ({Code})";
}

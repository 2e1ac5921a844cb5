namespace CreatorMarketplace;

/// <summary>
/// Thrown when amounts of two different currencies are combined or compared; convert one of them first.
/// </summary>
public sealed class CurrencyMismatchException : ArgumentException
{
    /// <summary>Creates the exception for the two currencies that met.</summary>
    /// <param name="expected">The currency of the amount operated on.</param>
    /// <param name="actual">The currency of the other amount.</param>
    /// <param name="paramName">The parameter that carried the other amount.</param>
    public CurrencyMismatchException(Currency expected, Currency actual, string? paramName)
        : base($"Currency mismatch: cannot combine {expected?.Code} with {actual?.Code}; amounts must share one currency.", paramName)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The currency of the amount operated on.</summary>
    public Currency Expected { get; }

    /// <summary>The currency of the other amount.</summary>
    public Currency Actual { get; }
}

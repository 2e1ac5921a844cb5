namespace CreatorMarketplace.Eligibility;

/// <summary>
/// One reason a subject is not eligible: which rule, a stable reason code, a sentence, the actual and required
/// values, and how far the subject is from passing.
/// </summary>
/// <param name="Rule">The name of the rule that was not met.</param>
/// <param name="Code">A stable, dotted, lower-case reason code (<c>eligibility.followers_below_minimum</c>).</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Actual">The subject's value, as text ("7,700 followers"; "unknown").</param>
/// <param name="Required">What the rule requires ("at least 10,000 followers").</param>
/// <param name="Distance">How far from passing ("needs 2,300 more followers", "turns 18 on 2027-03-02"), when known.</param>
public sealed record RuleFailure(string Rule, string Code, string Message, string Actual, string Required, string? Distance);

/// <summary>The outcome of evaluating a rule: eligible, or every failure that stands in the way.</summary>
public sealed class EligibilityResult
{
    private EligibilityResult(IReadOnlyList<RuleFailure> failures) => Failures = failures;

    /// <summary>The result of a rule that is met.</summary>
    public static EligibilityResult Eligible { get; } = new([]);

    /// <summary>Whether every rule was met.</summary>
    public bool IsEligible => Failures.Count == 0;

    /// <summary>Every failure, in the order of the rules; empty when eligible.</summary>
    public IReadOnlyList<RuleFailure> Failures { get; }

    /// <summary>A result with the given failures (eligible when there are none).</summary>
    /// <param name="failures">The failures.</param>
    /// <returns>The result.</returns>
    public static EligibilityResult Of(IEnumerable<RuleFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var list = failures.ToArray();
        return list.Length == 0 ? Eligible : new EligibilityResult(list);
    }

    /// <summary>A result with one failure.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The result.</returns>
    public static EligibilityResult Failed(RuleFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new EligibilityResult([failure]);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsEligible ? "eligible" : string.Join(Environment.NewLine, Failures.Select(f => $"{f.Rule}: {f.Message} ({f.Code})"));
}

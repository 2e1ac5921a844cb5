using NodaTime;

namespace CreatorMarketplace.Eligibility;

/// <summary>
/// A rule a subject (a creator, a brand) must meet, evaluated as of an instant so that a what-if for a future date
/// uses the facts and ages of that date. Rules compose with <see cref="AllOf"/>, <see cref="AnyOf"/> and
/// <see cref="Not"/>; evaluation reports every failure, never just the first.
/// </summary>
/// <typeparam name="TSubject">What the rule judges.</typeparam>
public abstract class EligibilityRule<TSubject>
{
    /// <summary>Names the rule.</summary>
    /// <param name="name">A short, stable name ("min-followers").</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    protected EligibilityRule(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The rule's name, as failures report it.</summary>
    public string Name { get; }

    /// <summary>Judges a subject as of an instant.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="asOf">The instant the answer is for.</param>
    /// <returns>Eligible, or every failure.</returns>
    public abstract EligibilityResult Evaluate(TSubject subject, Instant asOf);

    /// <summary>Met when every rule is met; otherwise fails with the failures of every rule not met.</summary>
    /// <param name="name">The composite's name.</param>
    /// <param name="rules">The rules.</param>
    /// <returns>The rule.</returns>
    public static EligibilityRule<TSubject> AllOf(string name, params IEnumerable<EligibilityRule<TSubject>> rules) =>
        new AllOfRule(name, Require(rules));

    /// <summary>Met when at least one rule is met; otherwise fails with the failures of every alternative.</summary>
    /// <param name="name">The composite's name.</param>
    /// <param name="rules">The alternatives; at least one.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">No alternative is given.</exception>
    public static EligibilityRule<TSubject> AnyOf(string name, params IEnumerable<EligibilityRule<TSubject>> rules)
    {
        var alternatives = Require(rules);
        if (alternatives.Length == 0)
        {
            throw new ArgumentException("any-of needs at least one alternative.", nameof(rules));
        }

        return new AnyOfRule(name, alternatives);
    }

    /// <summary>Met when <paramref name="rule"/> is not met.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="rule">The rule that must not be met.</param>
    /// <param name="message">What the failure says when <paramref name="rule"/> is met ("is on vacation").</param>
    /// <returns>The rule.</returns>
    public static EligibilityRule<TSubject> Not(string name, EligibilityRule<TSubject> rule, string message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new NotRule(name, rule, message);
    }

    private static EligibilityRule<TSubject>[] Require(IEnumerable<EligibilityRule<TSubject>> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = rules.ToArray();
        if (all.Any(rule => rule is null))
        {
            throw new ArgumentException("a composite may not hold a null rule.", nameof(rules));
        }

        return all;
    }

    private sealed class AllOfRule(string name, EligibilityRule<TSubject>[] rules) : EligibilityRule<TSubject>(name)
    {
        public override EligibilityResult Evaluate(TSubject subject, Instant asOf) =>
            EligibilityResult.Of(rules.SelectMany(rule => rule.Evaluate(subject, asOf).Failures));
    }

    private sealed class AnyOfRule(string name, EligibilityRule<TSubject>[] rules) : EligibilityRule<TSubject>(name)
    {
        public override EligibilityResult Evaluate(TSubject subject, Instant asOf)
        {
            var failures = new List<RuleFailure>();
            foreach (var rule in rules)
            {
                var result = rule.Evaluate(subject, asOf);
                if (result.IsEligible)
                {
                    return EligibilityResult.Eligible;
                }

                failures.AddRange(result.Failures);
            }

            return EligibilityResult.Of(failures);
        }
    }

    private sealed class NotRule(string name, EligibilityRule<TSubject> rule, string message) : EligibilityRule<TSubject>(name)
    {
        public override EligibilityResult Evaluate(TSubject subject, Instant asOf) =>
            rule.Evaluate(subject, asOf).IsEligible
                ? EligibilityResult.Failed(new RuleFailure(Name, "eligibility.excluded", message, $"meets {rule.Name}", $"does not meet {rule.Name}", null))
                : EligibilityResult.Eligible;
    }
}

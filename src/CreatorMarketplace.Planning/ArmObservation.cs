namespace CreatorMarketplace.Planning;

/// <summary>What one arm of a creator test observed: its trials, its successes among them and, for cost per acquisition, its spend.</summary>
/// <param name="Arm">The arm's name, as in the test's design.</param>
/// <param name="Trials">The trials: visits, impressions or views.</param>
/// <param name="Successes">The successes among them: conversions, clicks or engaged views.</param>
/// <param name="Spend">What the arm cost, in the test's currency; required for cost per acquisition, ignored otherwise.</param>
public sealed record ArmObservation(string Arm, long Trials, long Successes, Money? Spend = null)
{
    /// <summary>Formats the observation, for example <c>"maya: 412 of 9,000"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Arm}: {Successes:N0} of {Trials:N0}" + (Spend is { } spend ? $" for {spend}" : "");
}

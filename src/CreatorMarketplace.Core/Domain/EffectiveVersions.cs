using NodaTime;

namespace CreatorMarketplace;

// Policies held as data (eligibility, access) keep versions earliest first, each in force from its effective instant
// until the next one's.
internal static class EffectiveVersions
{
    /// <summary>The version in force at an instant: the latest whose effective instant is at or before it; null before the first.</summary>
    public static T? InForceAt<T>(IReadOnlyList<T> earliestFirst, Instant at, Func<T, Instant> effectiveFrom)
        where T : class
    {
        for (var i = earliestFirst.Count - 1; i >= 0; i--)
        {
            if (effectiveFrom(earliestFirst[i]) <= at)
            {
                return earliestFirst[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Checks a policy's name and versions as every versioned policy does (a one-line name, at least one version, none
    /// null, no two taking effect at the same instant), each problem under the policy's code prefix, and gives the
    /// versions earliest first; empty when the versions are refused.
    /// </summary>
    public static T[] Checked<T>(ErrorCollector errors, string prefix, string name, IEnumerable<T>? versions, Func<T, Instant> effectiveFrom)
        where T : class
    {
        var list = versions?.ToArray();
        if (errors.Require(!string.IsNullOrWhiteSpace(name), "name", $"{prefix}.name_missing", "a policy needs a name."))
        {
            errors.RequireText(TextRule.SingleLine, name, "name");
        }

        if (!errors.Require(list is { Length: > 0 }, "versions", $"{prefix}.versions_missing", "a policy needs at least one version."))
        {
            return [];
        }

        var seen = new HashSet<Instant>();
        var valid = true;
        for (var i = 0; i < list!.Length; i++)
        {
            valid &= errors.Require(list[i] is not null, $"versions[{i}]", $"{prefix}.version_null", "a version may not be null.")
                && errors.Require(seen.Add(effectiveFrom(list[i])), $"versions[{i}].effectiveFrom", $"{prefix}.duplicate_version", $"another version also takes effect at {effectiveFrom(list[i])}.");
        }

        return valid ? [.. list.OrderBy(effectiveFrom)] : [];
    }
}

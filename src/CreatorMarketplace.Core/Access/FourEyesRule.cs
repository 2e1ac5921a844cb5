namespace CreatorMarketplace.Access;

/// <summary>
/// The four-eyes rule for money: moving more than a threshold (a release or a refund, as the rule lists them) needs
/// a second approver, another actor who may do the same. An amount in a currency the rule sets no threshold for
/// needs one too, since it cannot be compared.
/// </summary>
public sealed class FourEyesRule
{
    private readonly Dictionary<Currency, Money> _thresholds;

    private FourEyesRule(Permission[] permissions, Dictionary<Currency, Money> thresholds)
    {
        Permissions = permissions;
        _thresholds = thresholds;
    }

    /// <summary>The permissions whose use above the threshold needs a second approver.</summary>
    public IReadOnlyList<Permission> Permissions { get; }

    /// <summary>The threshold per currency: an amount above it needs a second approver.</summary>
    public IReadOnlyDictionary<Currency, Money> Thresholds => _thresholds;

    /// <summary>Creates the rule.</summary>
    /// <param name="permissions">The permissions it governs (for example <see cref="Permission.Release"/> and <see cref="Permission.Refund"/>): at least one.</param>
    /// <param name="thresholds">One threshold per currency, each zero or more.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="DomainValidationException">A list is empty or holds a null, a currency has two thresholds, or a threshold is negative.</exception>
    public static FourEyesRule Create(IEnumerable<Permission> permissions, IEnumerable<Money> thresholds)
    {
        var (governed, amounts) = (permissions?.ToArray(), thresholds?.ToArray());
        var errors = new ErrorCollector();
        if (errors.Require(governed is { Length: > 0 }, "permissions", "four_eyes.permissions_missing", "the rule governs at least one permission."))
        {
            errors.Require(!governed!.Contains(null), "permissions", "four_eyes.permission_null", "the rule's permissions hold no null.");
        }

        var byCurrency = new Dictionary<Currency, Money>();
        if (errors.Require(amounts is { Length: > 0 }, "thresholds", "four_eyes.thresholds_missing", "the rule sets at least one threshold."))
        {
            for (var i = 0; i < amounts!.Length; i++)
            {
                if (!errors.Require(!amounts[i].IsDefault, $"thresholds[{i}]", "four_eyes.threshold_without_currency", "a threshold is an amount in a currency, not default(Money).") ||
                    !errors.Require(byCurrency.TryAdd(amounts[i].Currency, amounts[i]), $"thresholds[{i}]", "four_eyes.duplicate_currency", $"another threshold is also in {amounts[i].Currency}."))
                {
                    continue;
                }

                errors.Require(amounts[i].MinorUnits >= 0, $"thresholds[{i}]", "four_eyes.negative_threshold", "a threshold is zero or more.");
            }
        }

        errors.ThrowIfAny();
        return new FourEyesRule([.. governed!.Distinct().OrderBy(p => p.Value)], byCurrency);
    }

    /// <summary>Whether moving an amount with a permission needs a second approver.</summary>
    /// <param name="permission">The permission used.</param>
    /// <param name="amount">The amount moved.</param>
    /// <param name="threshold">The threshold exceeded, or null where the currency has none.</param>
    /// <returns>True when a second approver is needed.</returns>
    /// <exception cref="ArgumentNullException">The permission is null.</exception>
    /// <exception cref="ArgumentException">The amount is <c>default(Money)</c>.</exception>
    public bool Requires(Permission permission, Money amount, out Money? threshold)
    {
        ArgumentNullException.ThrowIfNull(permission);
        RequireAmount(amount);
        threshold = null;
        if (!Permissions.Contains(permission))
        {
            return false;
        }

        if (!_thresholds.TryGetValue(amount.Currency, out var limit))
        {
            return true;
        }

        threshold = limit;
        return amount.MinorUnits > limit.MinorUnits;
    }

    // An amount moved must be one: default(Money) has no currency to compare.
    internal static void RequireAmount(Money amount)
    {
        if (amount.IsDefault)
        {
            throw new ArgumentException("amount: default(Money) has no currency; give the amount moved.", nameof(amount));
        }
    }
}

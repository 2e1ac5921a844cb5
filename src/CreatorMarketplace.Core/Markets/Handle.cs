namespace CreatorMarketplace;

/// <summary>
/// A creator's account name on a platform, such as <c>@jane.doe</c> on TikTok, checked against the platform's
/// rules. Handles compare without regard to case, as the platforms treat them.
/// </summary>
public readonly record struct Handle
{
    /// <summary>Creates a handle; a leading <c>@</c> is removed.</summary>
    /// <param name="platform">The platform the handle belongs to.</param>
    /// <param name="value">The handle, with or without the leading <c>@</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> breaks the platform's handle rules (length, characters).</exception>
    public Handle(Platform platform, string value)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(value);
        var bare = value.StartsWith('@') ? value[1..] : value;
        var broken = platform.CheckHandle(bare);
        if (broken is not null)
        {
            throw DomainValidationException.Of(nameof(value), "handle.invalid", $"{ErrorText.Quote(value)} is not a valid handle: {broken}");
        }

        Platform = platform;
        Value = bare;
    }

    /// <summary>The platform the handle belongs to.</summary>
    public Platform Platform { get; }

    /// <summary>The handle without the leading <c>@</c>, as the creator spells it.</summary>
    public string Value { get; }

    /// <summary>Checks a handle without throwing.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="value">The handle, with or without the leading <c>@</c>.</param>
    /// <returns>The handle, or <see cref="Invalid"/> naming the broken rule on field <c>handle</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="platform"/> is null.</exception>
    public static Validated<Handle> Validate(Platform platform, string? value)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (value is null)
        {
            return new Invalid("handle", "handle.missing", "a handle is required.");
        }

        var bare = value.StartsWith('@') ? value[1..] : value;
        var broken = platform.CheckHandle(bare);
        return broken is null ? new Handle(platform, value) : new Invalid("handle", "handle.invalid", broken);
    }

    /// <summary>Whether both handles name the same account: same platform, same handle ignoring case.</summary>
    /// <param name="other">The other handle.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(Handle other) =>
        ReferenceEquals(Platform, other.Platform) && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Platform?.Value, Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value));

    /// <summary>Formats the handle as <c>"@name"</c>.</summary>
    /// <returns>The formatted handle.</returns>
    public override string ToString() => "@" + Value;
}

namespace CreatorMarketplace.Creators;

/// <summary>
/// A content category a creator publishes in (TikTok's content label, for example "beauty"), by the catalog's
/// label id. Ids compare exactly; what they mean is the application's taxonomy.
/// </summary>
public readonly record struct ContentLabel
{
    /// <summary>Creates a label from its id.</summary>
    /// <param name="id">A non-blank id of at most 64 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank, longer than 64 characters, or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public ContentLabel(string id) => Id = LabelId.Require(id, nameof(id));

    /// <summary>The label id.</summary>
    public string Id { get; }

    /// <summary>Returns the id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id ?? string.Empty;
}

/// <summary>
/// An industry a creator has worked with or suits (TikTok's industry label, for example "cosmetics"), by the
/// catalog's label id.
/// </summary>
public readonly record struct IndustryLabel
{
    /// <summary>Creates a label from its id.</summary>
    /// <param name="id">A non-blank id of at most 64 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank, longer than 64 characters, or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public IndustryLabel(string id) => Id = LabelId.Require(id, nameof(id));

    /// <summary>The label id.</summary>
    public string Id { get; }

    /// <summary>Returns the id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id ?? string.Empty;
}

internal static class LabelId
{
    public const int MaxLength = 64;

    public static string Require(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        return id.Length <= MaxLength
            ? TextRule.SingleLine.Require(id, paramName)
            : throw DomainValidationException.Of(paramName, "label.too_long", $"a label id has at most {MaxLength} characters, got {id.Length}.");
    }
}

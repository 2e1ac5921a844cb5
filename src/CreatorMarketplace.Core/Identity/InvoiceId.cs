using System.Diagnostics.CodeAnalysis;

namespace CreatorMarketplace;

/// <summary>Identifies an invoice or credit note. Make new ones with <see cref="EntityId.New{TId}"/>.</summary>
public readonly record struct InvoiceId : IEntityId<InvoiceId>
{
    private InvoiceId(Guid value) => Value = value;

    /// <inheritdoc />
    public Guid Value { get; }

    /// <inheritdoc />
    public static InvoiceId From(Guid value) => new(EntityId.Require(value, nameof(InvoiceId)));

    /// <summary>Reads an id from its UUID text.</summary>
    /// <param name="s">A non-empty UUID, for example <c>"01890a5d-ac96-774b-bcce-b302099a8057"</c>.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException">The text is not a non-empty UUID.</exception>
    public static InvoiceId Parse(string s, IFormatProvider? provider = null) => EntityId.Parse<InvoiceId>(s);

    /// <summary>Reads an id from its UUID text.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The id when the text is a non-empty UUID.</param>
    /// <returns>Whether the text is a non-empty UUID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out InvoiceId result) => EntityId.TryParse(s, out result);

    /// <summary>Parses the canonical text form without throwing.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The id, when the text is one.</param>
    /// <returns>Whether the text is a valid id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out InvoiceId result) => EntityId.TryParse(s, out result);

    /// <summary>Compares ids by creation time (the UUID's byte order).</summary>
    /// <param name="other">The other id.</param>
    /// <returns>Negative, zero or positive as this id sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(InvoiceId other) => EntityId.Compare(Value, other.Value);

    /// <summary>Returns the UUID text.</summary>
    /// <returns>The UUID in its hyphenated form.</returns>
    public override string ToString() => Value.ToString("D");
}

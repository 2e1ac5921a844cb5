namespace CreatorMarketplace.Creators;

/// <summary>
/// A creator's personal data, kept apart from the <see cref="Creator"/> profile so that it can be erased on request
/// without touching the profile or anything that refers to the creator by id. Bank details and tax ids are never
/// held raw: only a payment provider's token and the last four characters.
/// </summary>
public sealed record CreatorIdentity
{
    /// <summary>Creates a creator's personal data.</summary>
    /// <param name="creator">The creator it belongs to.</param>
    /// <param name="legalName">The legal name.</param>
    /// <param name="email">The e-mail address.</param>
    /// <exception cref="DomainValidationException">A field is blank or not a single line of well-formed text (<see cref="TextRule.SingleLine"/>), or the e-mail address is not of the form <c>name@domain</c>.</exception>
    public CreatorIdentity(CreatorId creator, string legalName, string email)
    {
        var errors = new ErrorCollector();
        errors.Require(creator != default, nameof(creator), "identity.creator_missing", "the identity must belong to a creator.");
        errors.Require(!string.IsNullOrWhiteSpace(legalName), nameof(legalName), "identity.legal_name_missing", "a legal name is required.");
        errors.RequireText(TextRule.SingleLine, legalName, nameof(legalName));
        if (errors.Require(IsEmail(email), nameof(email), "identity.email_invalid", "an e-mail address has the form name@domain."))
        {
            errors.RequireText(TextRule.SingleLine, email, nameof(email));
        }
        errors.ThrowIfAny();
        Creator = creator;
        LegalName = legalName;
        Email = email;
    }

    /// <summary>The creator the data belongs to.</summary>
    public CreatorId Creator { get; }

    /// <summary>The legal name.</summary>
    public string LegalName { get; }

    /// <summary>The e-mail address.</summary>
    public string Email { get; }

    /// <summary>The tax id as a provider token, if on file.</summary>
    public SecretReference? TaxId { get; init; }

    /// <summary>The payout account (bank or wallet) as a provider token, if on file.</summary>
    public SecretReference? PayoutAccount { get; init; }

    /// <summary>Names only the creator, so that personal data never reaches a log by accident.</summary>
    /// <returns>For example <c>"CreatorIdentity of 01890a5d-…"</c>.</returns>
    public override string ToString() => $"CreatorIdentity of {Creator}";

    private static bool IsEmail(string? email) =>
        email is { Length: >= 3 and <= 254 }
        && email.IndexOf('@', StringComparison.Ordinal) is var at and > 0
        && at == email.LastIndexOf('@')
        && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace);
}

/// <summary>
/// A secret held by a provider (a tax id, a bank account), referred to by the provider's token with the last four
/// characters for people to recognise it. The secret itself never enters the library.
/// </summary>
public readonly record struct SecretReference
{
    /// <summary>Creates a reference.</summary>
    /// <param name="token">The provider's token.</param>
    /// <param name="lastFour">The last four characters of the secret.</param>
    /// <exception cref="ArgumentException"><paramref name="token"/> is blank or <paramref name="lastFour"/> is not exactly four characters; either is not a single line of well-formed text (<see cref="TextRule.SingleLine"/>).</exception>
    public SecretReference(string token, string lastFour)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(lastFour);
        TextRule.SingleLine.Require(token, nameof(token));
        TextRule.SingleLine.Require(lastFour, nameof(lastFour));
        if (lastFour.Length != 4)
        {
            throw DomainValidationException.Of(nameof(lastFour), "identity.last_four_invalid", $"exactly four characters are kept, got {lastFour.Length}.");
        }

        Token = token;
        LastFour = lastFour;
    }

    /// <summary>The provider's token.</summary>
    public string Token { get; }

    /// <summary>The last four characters of the secret.</summary>
    public string LastFour { get; }

    /// <summary>Shows only the last four characters, so that logs never carry the token.</summary>
    /// <returns>For example <c>"••••6789"</c>.</returns>
    public override string ToString() => "••••" + LastFour;
}

using System.Text;
using Ardalis.SmartEnum;
using NodaTime;

namespace CreatorMarketplace.Metrics;

/// <summary>UTM parameters of a tracking link.</summary>
/// <param name="Source">utm_source, for example <c>tiktok</c>.</param>
/// <param name="Medium">utm_medium, for example <c>influencer</c>.</param>
/// <param name="Campaign">utm_campaign, for example <c>spring-glow</c>.</param>
/// <param name="Term">utm_term, optional.</param>
/// <param name="Content">utm_content, optional; often the collaboration or creator.</param>
public sealed record UtmParameters(string Source, string Medium, string Campaign, string? Term = null, string? Content = null);

/// <summary>Builds and reads tracking links: a landing page with UTM parameters.</summary>
public static class TrackingLink
{
    private static readonly string[] Names = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

    /// <summary>Adds UTM parameters to a landing page, keeping its other query parameters and fragment.</summary>
    /// <param name="landingPage">An absolute http or https URL.</param>
    /// <param name="utm">The parameters; source, medium and campaign are required.</param>
    /// <returns>The tracking link.</returns>
    /// <exception cref="ArgumentException">
    /// The page is not absolute http(s), it already has UTM parameters, a required parameter is blank, or a parameter
    /// breaks <see cref="TextRule.SingleLine"/>.
    /// </exception>
    public static Uri Build(Uri landingPage, UtmParameters utm)
    {
        ArgumentNullException.ThrowIfNull(landingPage);
        ArgumentNullException.ThrowIfNull(utm);
        if (!landingPage.IsAbsoluteUri || (landingPage.Scheme != Uri.UriSchemeHttps && landingPage.Scheme != Uri.UriSchemeHttp))
        {
            throw DomainValidationException.Of(nameof(landingPage), "attribution.landing_page_invalid", $"a tracking link starts from an absolute http or https page, got {ErrorText.Quote(landingPage.OriginalString)}.");
        }

        if (Query(landingPage).Any(pair => Names.Contains(pair.Key, StringComparer.OrdinalIgnoreCase)))
        {
            throw DomainValidationException.Of(nameof(landingPage), "attribution.landing_page_has_utm", "the page already carries UTM parameters.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(utm.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(utm.Medium);
        ArgumentException.ThrowIfNullOrWhiteSpace(utm.Campaign);
        var query = new StringBuilder(landingPage.Query.TrimStart('?'));
        foreach (var (name, value) in Names.Zip(new[] { utm.Source, utm.Medium, utm.Campaign, utm.Term, utm.Content }))
        {
            if (value is not null)
            {
                TextRule.SingleLine.Require(value, nameof(utm), $"{nameof(utm)}.{name}");
                query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return new UriBuilder(landingPage) { Query = query.ToString() }.Uri;
    }

    /// <summary>Reads the UTM parameters of a link.</summary>
    /// <param name="link">The link.</param>
    /// <returns>The parameters, or null when source, medium or campaign is missing.</returns>
    public static UtmParameters? Parse(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var values = Query(link)
            .Where(pair => Names.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
            .GroupBy(pair => pair.Key.ToLowerInvariant())
            .ToDictionary(group => group.Key, group => group.First().Value);
        return values.TryGetValue("utm_source", out var source) && values.TryGetValue("utm_medium", out var medium) && values.TryGetValue("utm_campaign", out var campaign)
            ? new UtmParameters(source, medium, campaign, values.GetValueOrDefault("utm_term"), values.GetValueOrDefault("utm_content"))
            : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Query(Uri link) =>
        !link.IsAbsoluteUri || link.Query.Length <= 1
            ? []
            : link.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                return equals < 0
                    ? KeyValuePair.Create(Uri.UnescapeDataString(part), "")
                    : KeyValuePair.Create(Uri.UnescapeDataString(part[..equals]), Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' ')));
            });
}

/// <summary>Where a conversion stands. Reversal is possible only while pending, inside the locking window.</summary>
public sealed class ConversionStatus : SmartEnum<ConversionStatus, int>
{
    /// <summary>Recorded; it may still be reversed (a return, a cancelled order) until its window locks.</summary>
    public static readonly ConversionStatus Pending = new("pending", 1);

    /// <summary>Locked: it can no longer be reversed.</summary>
    public static readonly ConversionStatus Approved = new("approved", 2);

    /// <summary>Paid to the creator.</summary>
    public static readonly ConversionStatus Paid = new("paid", 3);

    /// <summary>Reversed inside the window.</summary>
    public static readonly ConversionStatus Reversed = new("reversed", 4);

    private ConversionStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>What attributed a conversion to a collaboration.</summary>
public sealed class AttributionMatch : SmartEnum<AttributionMatch, int>
{
    /// <summary>Neither its discount code nor its link named a collaboration.</summary>
    public static readonly AttributionMatch None = new("none", 0);

    /// <summary>Its discount code, assigned to the collaboration.</summary>
    public static readonly AttributionMatch Code = new("code", 1);

    /// <summary>Its tracking link, whose <c>utm_content</c> names the collaboration.</summary>
    public static readonly AttributionMatch Link = new("link", 2);

    private AttributionMatch(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A conversion (an order, a sign-up) attributed to a collaboration, or to none.</summary>
/// <param name="Id">The shop's id of the conversion.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Value">Its value.</param>
/// <param name="Collaboration">The collaboration it is attributed to; null when neither its code nor its link matched.</param>
/// <param name="MatchedBy">What attributed it: its code, its link, or nothing.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="LocksAt">The end of its locking window: from then on it cannot be reversed.</param>
/// <param name="ReversalReason">Why it was reversed, if it was.</param>
public sealed record Conversion(string Id, Instant OccurredAt, Money Value, CollaborationId? Collaboration, AttributionMatch MatchedBy, ConversionStatus Status, Instant LocksAt, string? ReversalReason);

/// <summary>One collaboration's line of a reconciliation report.</summary>
/// <param name="Collaboration">The collaboration; null for conversions attributed to none.</param>
/// <param name="Counts">How many conversions per status.</param>
/// <param name="Values">Their value per status.</param>
public sealed record ReconciliationLine(CollaborationId? Collaboration, IReadOnlyDictionary<ConversionStatus, int> Counts, IReadOnlyDictionary<ConversionStatus, Money> Values)
{
    /// <summary>How many conversions stand: pending, approved or paid, that is every one not reversed.</summary>
    public int Standing => Counts.Where(pair => pair.Key != ConversionStatus.Reversed).Sum(pair => pair.Value);

    /// <summary>The value of the conversions that stand, as a campaign's revenue counts it (<see cref="Values"/> holds every status, as <see cref="ConversionBook.Reconcile"/> gives it).</summary>
    public Money StandingValue => Money.Sum(Values.Where(pair => pair.Key != ConversionStatus.Reversed).Select(pair => pair.Value), Values.First().Value.Currency);
}

/// <summary>
/// Attributes a campaign's conversions to collaborations by discount code (first) or by tracking link (the
/// <c>utm_content</c> naming the collaboration), and runs each through its locking window: pending until it locks,
/// reversible only before then, approved when it locks, then paid.
/// </summary>
/// <param name="lockingWindow">How long after a conversion it may still be reversed, for example 30 days for returns.</param>
/// <param name="currency">The currency of conversion values.</param>
public sealed class ConversionBook(Duration lockingWindow, Currency currency)
{
    private readonly Dictionary<string, CollaborationId> _codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Conversion> _conversions = new(StringComparer.Ordinal);

    /// <summary>The currency of conversion values.</summary>
    public Currency Currency { get; } = currency ?? throw new ArgumentNullException(nameof(currency));

    /// <summary>The locking window.</summary>
    public Duration LockingWindow { get; } = lockingWindow > Duration.Zero ? lockingWindow : throw new ArgumentOutOfRangeException(nameof(lockingWindow), lockingWindow, "lockingWindow: a locking window is positive.");

    /// <summary>Every conversion, by id.</summary>
    public IReadOnlyDictionary<string, Conversion> Conversions => _conversions;

    /// <summary>Assigns a discount code to a collaboration (codes compare ignoring case).</summary>
    /// <param name="code">The code.</param>
    /// <param name="collaboration">The collaboration.</param>
    /// <exception cref="ArgumentException">The code is blank, breaks <see cref="TextRule.SingleLine"/>, or belongs to another collaboration.</exception>
    public void AssignCode(string code, CollaborationId collaboration)
    {
        TextRule.SingleLine.RequireNonBlank(code);
        if (_codes.TryGetValue(code, out var owner) && owner != collaboration)
        {
            throw DomainValidationException.Of(nameof(code), "attribution.code_taken", $"{ErrorText.Quote(code)} already belongs to collaboration {owner}.");
        }

        _codes[code] = collaboration;
    }

    /// <summary>Records a conversion and attributes it: by its discount code, else by its tracking link's utm_content.</summary>
    /// <param name="id">The shop's id; recording the same id again returns the first record.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="value">Its value, in the book's currency; zero or more.</param>
    /// <param name="discountCode">The code used, if any.</param>
    /// <param name="landingLink">The tracking link the buyer came through, if any.</param>
    /// <returns>The conversion.</returns>
    /// <exception cref="ArgumentException">A blank id, an id or code that breaks <see cref="TextRule.SingleLine"/>, another currency or a negative value.</exception>
    public Conversion Record(string id, Instant occurredAt, Money value, string? discountCode = null, Uri? landingLink = null)
    {
        TextRule.SingleLine.RequireNonBlank(id);
        TextRule.SingleLine.Require(discountCode, nameof(discountCode));
        if (value.Currency != Currency || value.IsNegative)
        {
            throw DomainValidationException.Of(nameof(value), "attribution.value_invalid", $"a conversion's value is zero or more in {Currency.Code}, got {value}.");
        }

        if (_conversions.TryGetValue(id, out var recorded))
        {
            return recorded;
        }

        CollaborationId? collaboration = null;
        var matchedBy = AttributionMatch.None;
        if (discountCode is not null && _codes.TryGetValue(discountCode, out var byCode))
        {
            (collaboration, matchedBy) = (byCode, AttributionMatch.Code);
        }
        else if (landingLink is not null && TrackingLink.Parse(landingLink)?.Content is { } content && CollaborationId.TryParse(content, out var byLink))
        {
            (collaboration, matchedBy) = (byLink, AttributionMatch.Link);
        }

        return _conversions[id] = new Conversion(id, occurredAt, value, collaboration, matchedBy, ConversionStatus.Pending, occurredAt + LockingWindow, null);
    }

    /// <summary>Reverses a pending conversion inside its locking window.</summary>
    /// <param name="id">The conversion.</param>
    /// <param name="reason">Why; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The reversed conversion, or <see cref="NotAllowed"/> once locked, approved, paid or reversed.</returns>
    /// <exception cref="KeyNotFoundException">There is no such conversion.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank or breaks <see cref="TextRule.MultiLine"/>.</exception>
    public CommandResult<Conversion> Reverse(string id, string reason, IClock clock)
    {
        TextRule.MultiLine.RequireNonBlank(reason);
        ArgumentNullException.ThrowIfNull(clock);
        var conversion = _conversions[id];
        var now = clock.GetCurrentInstant();
        if (conversion.Status != ConversionStatus.Pending || now >= conversion.LocksAt)
        {
            return new NotAllowed("reverse", conversion.Status.Name, conversion.Status == ConversionStatus.Pending ? $"the conversion locked at {conversion.LocksAt}." : $"a {conversion.Status} conversion cannot be reversed.");
        }

        return _conversions[id] = conversion with { Status = ConversionStatus.Reversed, ReversalReason = reason };
    }

    /// <summary>Approves every pending conversion whose window has locked.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>The conversions approved.</returns>
    public IReadOnlyList<Conversion> ApproveLocked(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        var due = _conversions.Values.Where(c => c.Status == ConversionStatus.Pending && now >= c.LocksAt).Select(c => c.Id).ToList();
        return [.. due.Select(id => _conversions[id] = _conversions[id] with { Status = ConversionStatus.Approved })];
    }

    /// <summary>Marks approved conversions as paid.</summary>
    /// <param name="ids">The conversions.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> naming the first that is not approved (none is changed then).</returns>
    public CommandResult MarkPaid(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Select(id => _conversions[id]).ToList();
        if (list.Find(c => c.Status != ConversionStatus.Approved) is { } notApproved)
        {
            return new NotAllowed("mark paid", notApproved.Status.Name, $"conversion {notApproved.Id} is {notApproved.Status}; only approved conversions are paid.");
        }

        list.ForEach(c => _conversions[c.Id] = c with { Status = ConversionStatus.Paid });
        return CommandResult.Done;
    }

    /// <summary>The reconciliation report: per collaboration (and unattributed), conversions and value per status.</summary>
    /// <returns>One line per collaboration in id order, the unattributed line last.</returns>
    public IReadOnlyList<ReconciliationLine> Reconcile() =>
        [.. _conversions.Values
            .GroupBy(c => c.Collaboration)
            .OrderBy(g => g.Key is null)
            .ThenBy(g => g.Key)
            .Select(g => new ReconciliationLine(
                g.Key,
                ConversionStatus.List.ToDictionary(s => s, s => g.Count(c => c.Status == s)),
                ConversionStatus.List.ToDictionary(s => s, s => Money.Sum(g.Where(c => c.Status == s).Select(c => c.Value), Currency))))];
}

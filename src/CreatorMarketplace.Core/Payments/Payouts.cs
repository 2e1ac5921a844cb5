using Ardalis.SmartEnum;
using NodaTime;
using OneOf;

namespace CreatorMarketplace.Payments;

/// <summary>An exchange rate as snapshotted for one conversion.</summary>
/// <param name="From">The currency converted from.</param>
/// <param name="To">The currency converted to.</param>
/// <param name="Rate">Units of <paramref name="To"/> per unit of <paramref name="From"/>; positive.</param>
/// <param name="At">When the rate was quoted.</param>
/// <param name="Source">Where it came from.</param>
public sealed record ExchangeRate(Currency From, Currency To, decimal Rate, Instant At, string Source);

/// <summary>The exchange-rate port: a rate for a conversion at an instant.</summary>
public interface IExchangeRates
{
    /// <summary>The rate from one currency to another at an instant.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to.</param>
    /// <param name="at">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rate, or null when none is known.</returns>
    ValueTask<ExchangeRate?> GetRateAsync(Currency from, Currency to, Instant at, CancellationToken cancellationToken);
}

/// <summary>A US tax form a payee files before being paid.</summary>
public sealed class TaxForm : SmartEnum<TaxForm, int>
{
    /// <summary>W-9: a US person.</summary>
    public static readonly TaxForm W9 = new("W-9", 1);

    /// <summary>W-8BEN: a foreign individual.</summary>
    public static readonly TaxForm W8Ben = new("W-8BEN", 2);

    private TaxForm(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>The tax-form port: which form a payee has on file.</summary>
public interface ITaxForms
{
    /// <summary>The form a payee has on file.</summary>
    /// <param name="payee">The creator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The form, or null when none is on file.</returns>
    ValueTask<TaxForm?> FormOnFileAsync(CreatorId payee, CancellationToken cancellationToken);
}

/// <summary>What a payout gateway is asked to send.</summary>
/// <param name="Payout">The payout.</param>
/// <param name="Payee">The creator.</param>
/// <param name="Amount">The amount, in the payee's currency.</param>
/// <param name="IdempotencyKey">The key the gateway must honour: the same key pays once, however often it is sent.</param>
public sealed record PayoutInstruction(PayoutId Payout, CreatorId Payee, Money Amount, string IdempotencyKey);

/// <summary>The gateway sent the money.</summary>
/// <param name="Reference">The gateway's reference.</param>
public sealed record PayoutSent(string Reference);

/// <summary>The gateway did not send the money.</summary>
/// <param name="Code">The gateway's error code.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Retryable">Whether sending again (under the same key) may succeed.</param>
public sealed record PayoutFailed(string Code, string Message, bool Retryable);

/// <summary>The payout-gateway port: sends money to a payee, honouring the instruction's idempotency key.</summary>
public interface IPayoutGateway
{
    /// <summary>Sends a payout.</summary>
    /// <param name="instruction">What to send.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Sent, or failed.</returns>
    ValueTask<OneOf<PayoutSent, PayoutFailed>> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken);
}

/// <summary>Where a payout stands.</summary>
public sealed class PayoutStatus : SmartEnum<PayoutStatus, int>
{
    /// <summary>Not sent: the payee has no tax form on file.</summary>
    public static readonly PayoutStatus BlockedForTaxForm = new("blocked: no tax form", 1);

    /// <summary>The gateway failed; it can be retried under the same id.</summary>
    public static readonly PayoutStatus Failed = new("failed", 2);

    /// <summary>Sent; waiting for the payee to claim it.</summary>
    public static readonly PayoutStatus Sent = new("sent", 3);

    /// <summary>Claimed by the payee.</summary>
    public static readonly PayoutStatus Claimed = new("claimed", 4);

    /// <summary>Not claimed in time and returned to the brand.</summary>
    public static readonly PayoutStatus Returned = new("returned", 5);

    private PayoutStatus(string name, int value)
        : base(name, value)
    {
    }
}

/// <summary>A payout to a creator.</summary>
/// <param name="Id">The payout's id, also its idempotency key at the gateway and in the ledger.</param>
/// <param name="Payee">The creator.</param>
/// <param name="Brand">The brand whose escrow funded it (an unclaimed payout goes back there).</param>
/// <param name="Amount">The amount owed, in the ledger's currency.</param>
/// <param name="Converted">The amount sent, in the payee's currency.</param>
/// <param name="Rate">The rate snapshotted at conversion; null when no conversion was needed.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="Reference">The gateway's reference, once sent.</param>
/// <param name="Failure">The last failure, if any.</param>
public sealed record Payout(PayoutId Id, CreatorId Payee, BrandId Brand, Money Amount, Money Converted, ExchangeRate? Rate, PayoutStatus Status, Instant UpdatedAt, Instant? SentAt, string? Reference, PayoutFailed? Failure)
{
    // Whether a request names this payout: the same payee, brand and amount, and once converted (a payout blocked for
    // a tax form converted nothing yet) the same currency.
    internal bool IsFor(CreatorId payee, BrandId brand, Money amount, Currency payeeCurrency) =>
        Payee == payee && Brand == brand && Amount == amount && (Status == PayoutStatus.BlockedForTaxForm || Converted.Currency == payeeCurrency);
}

/// <summary>
/// Pays creators what the escrow ledger says they are owed: in their own currency at a snapshotted rate, only with
/// a tax form on file, once per payout id however often it is retried, and returning to the brand what is not
/// claimed within 30 days. Tracks each payee's yearly USD total against the 1099 threshold.
/// </summary>
public sealed class PayoutDesk(EscrowLedger ledger, IExchangeRates rates, ITaxForms taxForms, IPayoutGateway gateway, IClock clock)
{
    /// <summary>How long a payee has to claim a payout before it goes back to the brand.</summary>
    public static readonly Duration ClaimPeriod = Duration.FromDays(30);

    /// <summary>The yearly total paid to a US payee from which a Form 1099 is due.</summary>
    public static readonly Money Form1099Threshold = Money.Of(600m, Currency.USD);

    private readonly Dictionary<PayoutId, Payout> _payouts = [];

    /// <summary>Every payout, by id.</summary>
    public IReadOnlyDictionary<PayoutId, Payout> Payouts => _payouts;

    /// <summary>
    /// Pays out an amount a creator is owed. A retry of a failed payout under the same id sends again under the same
    /// key, so the gateway pays once; a payout already sent is returned as it is. The same id asked for another payee,
    /// brand or amount, or (once converted) another currency, is refused: an id is one payout.
    /// </summary>
    /// <param name="id">The payout's id.</param>
    /// <param name="payee">The creator.</param>
    /// <param name="brand">The brand whose escrow funded it.</param>
    /// <param name="amount">The amount, in the ledger's currency; at most what the creator is owed.</param>
    /// <param name="payeeCurrency">The creator's currency.</param>
    /// <param name="cancellationToken">Cancels the calls to the ports.</param>
    /// <returns>
    /// The payout, or a rejection: the creator is owed less (<c>ledger.insufficient_payable</c>), no rate is known
    /// (<c>payout.no_rate</c>), the amount converts to nothing in the payee's currency (<c>payout.converts_to_nothing</c>),
    /// or the id is another payout's (<c>payout.idempotency_conflict</c>).
    /// </returns>
    public async ValueTask<OneOf<Payout, LedgerRejection>> PayAsync(PayoutId id, CreatorId payee, BrandId brand, Money amount, Currency payeeCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payeeCurrency);
        _payouts.TryGetValue(id, out var existing);
        if (existing is not null && !existing.IsFor(payee, brand, amount, payeeCurrency))
        {
            return new LedgerRejection("payout.idempotency_conflict", $"payout {id} is already a payout of {existing.Amount} to creator {existing.Payee}; its id cannot name another payout.");
        }

        if (existing is not null && existing.Status != PayoutStatus.Failed && existing.Status != PayoutStatus.BlockedForTaxForm)
        {
            return existing;
        }

        var now = clock.GetCurrentInstant();
        var owed = ledger.Balance(LedgerAccount.CreatorPayable(payee), amount.Currency);
        if (!amount.IsPositive || owed < amount)
        {
            return new LedgerRejection("ledger.insufficient_payable", $"creator {payee} is owed {owed}; a payout of {amount} is not possible.");
        }

        if (await taxForms.FormOnFileAsync(payee, cancellationToken).ConfigureAwait(false) is null)
        {
            return _payouts[id] = new Payout(id, payee, brand, amount, amount, null, PayoutStatus.BlockedForTaxForm, now, null, null, null);
        }

        var (converted, rate) = (amount, (ExchangeRate?)null);
        if (payeeCurrency != amount.Currency)
        {
            // A retry reuses the rate snapshotted the first time, so a retried payout sends the same amount.
            rate = existing?.Rate is { } snapshotted && snapshotted.From == amount.Currency && snapshotted.To == payeeCurrency
                ? snapshotted
                : await rates.GetRateAsync(amount.Currency, payeeCurrency, now, cancellationToken).ConfigureAwait(false);
            if (rate is null || rate.Rate <= 0m || rate.From != amount.Currency || rate.To != payeeCurrency)
            {
                return new LedgerRejection("payout.no_rate", $"no exchange rate from {amount.Currency.Code} to {payeeCurrency.Code} is known.");
            }

            try
            {
                // Rounded toward zero from the exact product, so a creator is never sent a minor unit more than the rate gives.
                converted = amount.ConvertedTo(payeeCurrency, rate.Rate, MidpointRounding.ToZero);
            }
            catch (OverflowException)
            {
                return new LedgerRejection("payout.converts_out_of_range", $"{amount} at {rate.Rate} {amount.Currency.Code}/{payeeCurrency.Code} is more {payeeCurrency.Code} than an amount holds.");
            }

            if (!converted.IsPositive)
            {
                return new LedgerRejection("payout.converts_to_nothing", $"{amount} converts to {converted} at {rate.Rate} {amount.Currency.Code}/{payeeCurrency.Code}; nothing would be sent.");
            }
        }

        var sent = await gateway.SendAsync(new PayoutInstruction(id, payee, converted, $"payout:{id}"), cancellationToken).ConfigureAwait(false);
        var payout = sent.Match(
            ok =>
            {
                ledger.PayOut($"payout:{id}", payee, amount, clock).GetValueOrThrow();
                return new Payout(id, payee, brand, amount, converted, rate, PayoutStatus.Sent, now, now, ok.Reference, null);
            },
            failed => new Payout(id, payee, brand, amount, converted, rate, PayoutStatus.Failed, now, null, null, failed));
        return _payouts[id] = payout;
    }

    /// <summary>Records that the payee claimed a sent payout.</summary>
    /// <param name="id">The payout.</param>
    /// <returns>The payout, or <see cref="NotAllowed"/> unless sent and not returned.</returns>
    /// <exception cref="KeyNotFoundException">There is no such payout.</exception>
    public CommandResult<Payout> MarkClaimed(PayoutId id)
    {
        var payout = _payouts[id];
        return payout.Status != PayoutStatus.Sent
            ? new NotAllowed("claim", payout.Status.Name, "only a sent payout can be claimed.")
            : _payouts[id] = payout with { Status = PayoutStatus.Claimed, UpdatedAt = clock.GetCurrentInstant() };
    }

    /// <summary>Returns to their brands the sent payouts not claimed within <see cref="ClaimPeriod"/>.</summary>
    /// <returns>The payouts returned.</returns>
    public IReadOnlyList<Payout> ReturnUnclaimed()
    {
        var now = clock.GetCurrentInstant();
        var due = _payouts.Values.Where(p => p.Status == PayoutStatus.Sent && now >= p.SentAt!.Value + ClaimPeriod).OrderBy(p => p.SentAt).ToList();
        foreach (var payout in due)
        {
            ledger.ReturnUnclaimed($"return:{payout.Id}", payout.Payee, payout.Brand, payout.Amount, clock).GetValueOrThrow();
            _payouts[payout.Id] = payout with { Status = PayoutStatus.Returned, UpdatedAt = now };
        }

        return [.. due.Select(p => _payouts[p.Id])];
    }

    /// <summary>What a payee was sent in US dollars in a calendar year (UTC), not counting returned payouts.</summary>
    /// <param name="payee">The creator.</param>
    /// <param name="year">The year.</param>
    /// <returns>The total.</returns>
    public Money YearlyUsdTotal(CreatorId payee, int year) =>
        Money.Sum(
            _payouts.Values
                .Where(p => p.Payee == payee && p.SentAt is { } sent && sent.InUtc().Year == year && p.Status != PayoutStatus.Returned && p.Converted.Currency == Currency.USD)
                .Select(p => p.Converted),
            Currency.USD);

    /// <summary>Whether a Form 1099 is due for a payee and year: a W-9 on file and at least USD 600 paid.</summary>
    /// <param name="payee">The creator.</param>
    /// <param name="year">The year.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when due.</returns>
    public async ValueTask<bool> Form1099DueAsync(CreatorId payee, int year, CancellationToken cancellationToken = default) =>
        await taxForms.FormOnFileAsync(payee, cancellationToken).ConfigureAwait(false) == TaxForm.W9 && YearlyUsdTotal(payee, year) >= Form1099Threshold;
}

using CreatorMarketplace.Payments;
using OneOf;

namespace CreatorMarketplace.Testing;

/// <summary>
/// A payout gateway in memory that honours idempotency keys as real gateways do: a key that was sent returns the
/// first reference and moves no money again. Failures can be queued to test retries.
/// </summary>
public sealed class FakePayoutGateway : IPayoutGateway
{
    private readonly Dictionary<string, PayoutSent> _sent = new(StringComparer.Ordinal);
    private readonly Queue<PayoutFailed> _failures = new();
    private readonly List<PayoutInstruction> _transfers = [];

    /// <summary>The money actually moved: one entry per key that succeeded, in order.</summary>
    public IReadOnlyList<PayoutInstruction> Transfers => _transfers.AsReadOnly();

    /// <summary>How many times <see cref="SendAsync"/> was called, retries included.</summary>
    public int Calls { get; private set; }

    /// <summary>Makes the next sends fail.</summary>
    /// <param name="failure">The failure to return.</param>
    /// <param name="times">How many sends fail.</param>
    public void FailNext(PayoutFailed failure, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue(failure);
        }
    }

    /// <inheritdoc />
    public ValueTask<OneOf<PayoutSent, PayoutFailed>> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        if (_sent.TryGetValue(instruction.IdempotencyKey, out var first))
        {
            return ValueTask.FromResult<OneOf<PayoutSent, PayoutFailed>>(first);
        }

        if (_failures.TryDequeue(out var failure))
        {
            return ValueTask.FromResult<OneOf<PayoutSent, PayoutFailed>>(failure);
        }

        var sent = new PayoutSent($"fake-{_sent.Count + 1}");
        _sent[instruction.IdempotencyKey] = sent;
        _transfers.Add(instruction);
        return ValueTask.FromResult<OneOf<PayoutSent, PayoutFailed>>(sent);
    }
}

/// <summary>Exchange rates in memory, set by the test.</summary>
public sealed class FakeExchangeRates : IExchangeRates
{
    private readonly Dictionary<(Currency, Currency), decimal> _rates = [];

    /// <summary>Sets a rate.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to.</param>
    /// <param name="rate">Units of <paramref name="to"/> per unit of <paramref name="from"/>.</param>
    /// <returns>These rates, for chaining.</returns>
    public FakeExchangeRates Set(Currency from, Currency to, decimal rate)
    {
        _rates[(from, to)] = rate;
        return this;
    }

    /// <inheritdoc />
    public ValueTask<ExchangeRate?> GetRateAsync(Currency from, Currency to, Instant at, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_rates.TryGetValue((from, to), out var rate) ? new ExchangeRate(from, to, rate, at, "fake") : null);
}

/// <summary>Tax forms on file, in memory.</summary>
public sealed class FakeTaxForms : ITaxForms
{
    private readonly Dictionary<CreatorId, TaxForm> _forms = [];

    /// <summary>Files a form for a payee.</summary>
    /// <param name="payee">The creator.</param>
    /// <param name="form">The form.</param>
    /// <returns>These forms, for chaining.</returns>
    public FakeTaxForms File(CreatorId payee, TaxForm form)
    {
        _forms[payee] = form;
        return this;
    }

    /// <inheritdoc />
    public ValueTask<TaxForm?> FormOnFileAsync(CreatorId payee, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_forms.GetValueOrDefault(payee));
}

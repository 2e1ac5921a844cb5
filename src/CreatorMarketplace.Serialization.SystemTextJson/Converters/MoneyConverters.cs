using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="Money"/> as <c>{"amount":"12.34","currency":"USD"}</c>. The amount is a string with exactly the
/// currency's minor-unit digits, so that a JavaScript reader cannot round it through a double; reading also takes a
/// JSON number, which System.Text.Json reads exactly. <see cref="Money.Of"/> checks the digits.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    private static readonly string[] Members = ["amount", "currency"];

    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(Money), Members);
        var (amount, currency) = json.Members(ref reader, JsonMember.Decimal, JsonMember.Value<Currency>());
        return json.Create((amount, currency), static a => Of(a.amount, a.currency));
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        Currency currency;
        try
        {
            currency = value.Currency;
        }
        catch (InvalidOperationException exception)
        {
            throw new JsonException($"default(Money) cannot be written: it has no currency.", exception);
        }

        writer.WriteStartObject();
        // Money.ToString is documented as the code, one space and the amount with exactly the currency's digits.
        writer.WriteString(Members[0], value.ToString()[4..]);
        writer.WriteMember(Members[1], currency, options);
        writer.WriteEndObject();
    }

    private static Money Of(decimal amount, Currency currency)
    {
        try
        {
            return Money.Of(amount, currency);
        }
        catch (OverflowException)
        {
            // The domain's overflow names no member; the amount is the one too large.
            throw new ArgumentOutOfRangeException(nameof(amount), $"{currency.Code} {amount.ToString(CultureInfo.InvariantCulture)} does not fit in 64-bit minor units.");
        }
    }
}

/// <summary><see cref="Share"/> as its fraction, a JSON number from 0 to 1: <c>0.6</c>.</summary>
internal sealed class ShareJsonConverter : JsonConverter<Share>
{
    public override Share Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var fraction))
        {
            throw JsonErrors.Value(nameof(Share), $"expected a fraction from 0 to 1 as a number, got {JsonErrors.Describe(reader.TokenType)}.");
        }

        return Share.IsValidFraction(fraction)
            ? Share.FromFraction(fraction)
            : throw JsonErrors.Value(nameof(Share), $"a share is a fraction from 0 to 1, got {JsonErrors.RawText(ref reader)}.");
    }

    public override void Write(Utf8JsonWriter writer, Share value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Fraction);
}

/// <summary>
/// <see cref="Distribution{TKey}"/> as an object of bucket to fraction, <c>{"US":0.6,"CA":0.4}</c>, with the
/// buckets written by their own converter as property names. Reading checks the shares with
/// <see cref="Distribution.Validate{TKey}"/> at <see cref="Distribution.DefaultTolerance"/>.
/// </summary>
/// <typeparam name="TKey">The bucket type.</typeparam>
internal sealed class DistributionJsonConverter<TKey> : JsonConverter<Distribution<TKey>>
    where TKey : notnull
{
    // A list this large (a distribution over every country, say, is about 250) is dropped rather than kept.
    private const int KeptShares = 1024;

    private static readonly string TypeName = JsonTypeNames.Of(typeof(Distribution<TKey>));

    [ThreadStatic]
    private static List<KeyValuePair<TKey, double>>? t_shares;

    public override Distribution<TKey> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonErrors.Value(TypeName, $"expected an object of bucket to share, got {JsonErrors.Describe(reader.TokenType)}.");
        }

        var keys = (JsonConverter<TKey>)options.GetConverter(typeof(TKey));

        // The shares are gathered in the thread's own list, cleared when done: a list per distribution read was most
        // of what reading one allocated, beside the distribution itself.
        var shares = t_shares ?? [];
        t_shares = null;
        try
        {
            return Read(ref reader, options, keys, shares);
        }
        finally
        {
            shares.Clear();
            t_shares = shares.Capacity <= KeptShares ? shares : null;
        }
    }

    private static Distribution<TKey> Read(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonConverter<TKey> keys, List<KeyValuePair<TKey, double>> shares)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A copy standing on the bucket's name, for an error to quote it: the name is made a string only then.
            var atName = reader;
            TKey key;
            try
            {
                key = keys.ReadAsPropertyName(ref reader, typeof(TKey), options);
            }
            catch (Exception exception) when (exception is JsonException || JsonErrors.IsRejection(exception))
            {
                throw JsonErrors.Member(TypeName, atName.GetString()!, JsonErrors.RuleOf(exception), exception);
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var fraction))
            {
                throw JsonErrors.Member(TypeName, atName.GetString()!, $"expected a share from 0 to 1 as a number, got {JsonErrors.Describe(reader.TokenType)}.");
            }

            shares.Add(KeyValuePair.Create(key, fraction));
        }

        // Validate reports a bad share, a repeated bucket and a bad sum together, each with its bucket.
        var result = Distribution.Validate(shares);
        return result.IsValid ? result.GetValueOrThrow() : throw JsonErrors.Value(TypeName, string.Join("; ", result.Errors));
    }

    public override void Write(Utf8JsonWriter writer, Distribution<TKey> value, JsonSerializerOptions options)
    {
        var keys = (JsonConverter<TKey>)options.GetConverter(typeof(TKey));
        writer.WriteStartObject();
        foreach (var (key, share) in value)
        {
            keys.WriteAsPropertyName(writer, key, options);
            writer.WriteNumberValue(share.Fraction);
        }

        writer.WriteEndObject();
    }
}

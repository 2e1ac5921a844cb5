using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Utility;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Reads the JSON object of one value member by member: every member is required (a value that may be absent is
/// written as null), a member may appear only once, and an unknown member is skipped unless the options disallow
/// unmapped members. Every error names the owner and the member, so that with the path System.Text.Json adds the
/// whole location is known. Each call takes the reader the converter was given.
/// </summary>
internal struct JsonObjectReader
{
    private static readonly string DefaultJsonMessage = new JsonException().Message;

    private readonly JsonSerializerOptions _options;
    private readonly string _owner;
    private readonly string[] _members;
    private readonly string? _skipped;
    private int _seen;
    private string _current;

    /// <summary>Starts reading; the reader stands on the value's first token.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">The options, for nested values and unmapped-member handling.</param>
    /// <param name="owner">How errors name the value, for example <c>Money</c> or <c>NumberRange&lt;long&gt;</c>.</param>
    /// <param name="members">The member names, all required; at most 31 with <paramref name="skipped"/>, else 32.</param>
    /// <param name="skipped">A member that may appear once or not at all, its value skipped unread.</param>
    public JsonObjectReader(ref Utf8JsonReader reader, JsonSerializerOptions options, string owner, string[] members, string? skipped = null)
    {
        _options = options;
        _owner = owner;
        _members = members;
        _skipped = skipped;
        _seen = 0;
        _current = string.Empty;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonErrors.Value(owner, $"expected an object with the members {MemberList()}, got {JsonErrors.Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Whether the current member's value is null.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>True for null.</returns>
    public readonly bool IsNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    /// <summary>
    /// Moves to the next known member's value, or returns false at the end of the object once every member has been
    /// read.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="member">The member's name, one of the names given to the constructor.</param>
    /// <returns>Whether there is another member.</returns>
    public bool NextMember(ref Utf8JsonReader reader, out string member)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOfMember(ref reader);
            if (index < 0 && _skipped is not null && reader.ValueTextEquals(_skipped))
            {
                _current = _skipped;
                var bit = 1 << _members.Length;
                if ((_seen & bit) != 0)
                {
                    throw Fail("appears more than once.");
                }

                _seen |= bit;
                reader.Skip();
                continue;
            }

            if (index < 0)
            {
                if (_options.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow)
                {
                    throw JsonErrors.Member(_owner, reader.GetString()!, $"is not a member; the members are {MemberList()}.");
                }

                reader.Skip();
                continue;
            }

            _current = _members[index];
            if ((_seen & (1 << index)) != 0)
            {
                throw Fail("appears more than once.");
            }

            _seen |= 1 << index;
            reader.Read();
            member = _current;
            return true;
        }

        for (var i = 0; i < _members.Length; i++)
        {
            if ((_seen & (1 << i)) == 0)
            {
                throw JsonErrors.Member(_owner, _members[i], "is missing; every member is required (an absent value is written as null).");
            }
        }

        member = string.Empty;
        return false;
    }

    /// <summary>
    /// Reads an object of two members, each with its reader, in whichever order they come; the first reader reads
    /// the first name given to the constructor.
    /// </summary>
    /// <typeparam name="T1">The first member's type.</typeparam>
    /// <typeparam name="T2">The second member's type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="first">Reads the first member.</param>
    /// <param name="second">Reads the second member.</param>
    /// <returns>The two values.</returns>
    public (T1 First, T2 Second) Members<T1, T2>(ref Utf8JsonReader reader, JsonMemberReader<T1> first, JsonMemberReader<T2> second)
    {
        Debug.Assert(_members.Length == 2, "The object has two members.");
        T1 one = default!;
        T2 two = default!;
        while (NextMember(ref reader, out var member))
        {
            if (member == _members[0])
            {
                one = first(in this, ref reader);
            }
            else
            {
                two = second(in this, ref reader);
            }
        }

        return (one, two);
    }

    /// <summary>
    /// Reads an object of three members, each with its reader, in whichever order they come; the readers read the
    /// names given to the constructor in their order.
    /// </summary>
    /// <typeparam name="T1">The first member's type.</typeparam>
    /// <typeparam name="T2">The second member's type.</typeparam>
    /// <typeparam name="T3">The third member's type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="first">Reads the first member.</param>
    /// <param name="second">Reads the second member.</param>
    /// <param name="third">Reads the third member.</param>
    /// <returns>The three values.</returns>
    public (T1 First, T2 Second, T3 Third) Members<T1, T2, T3>(
        ref Utf8JsonReader reader, JsonMemberReader<T1> first, JsonMemberReader<T2> second, JsonMemberReader<T3> third)
    {
        Debug.Assert(_members.Length == 3, "The object has three members.");
        T1 one = default!;
        T2 two = default!;
        T3 three = default!;
        while (NextMember(ref reader, out var member))
        {
            if (member == _members[0])
            {
                one = first(in this, ref reader);
            }
            else if (member == _members[1])
            {
                two = second(in this, ref reader);
            }
            else
            {
                three = third(in this, ref reader);
            }
        }

        return (one, two, three);
    }

    /// <summary>An error about the current member.</summary>
    /// <param name="rule">What is wrong.</param>
    /// <param name="inner">The exception behind it, if any.</param>
    /// <returns>The exception to throw.</returns>
    public readonly JsonException Fail(string rule, Exception? inner = null) => JsonErrors.Member(_owner, _current, rule, inner);

    /// <summary>Reads the current member with the converter the options have for <typeparamref name="T"/>; null is refused.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <returns>The value.</returns>
    public readonly T Value<T>(ref Utf8JsonReader reader)
    {
        if (IsNull(ref reader))
        {
            throw Fail($"expected a {JsonTypeNames.Of(typeof(T))}, got null.");
        }

        var converter = (JsonConverter<T>)_options.GetConverter(typeof(T));
        T? value;
        try
        {
            value = converter.Read(ref reader, typeof(T), _options);
        }
        catch (Exception exception) when (exception is JsonException || JsonErrors.IsRejection(exception) || IsNestedReadError(exception))
        {
            // Some converters (NodaTime's) leave the message to System.Text.Json's default; say what was found instead.
            var rule = exception.Message == DefaultJsonMessage
                ? $"{Found(ref reader)} is not a valid {JsonTypeNames.Of(typeof(T))}{(exception.InnerException is { } inner ? ": " + JsonErrors.RuleOf(inner) : ".")}"
                : JsonErrors.RuleOf(exception);
            throw Fail(rule, exception);
        }

        return value ?? throw Fail($"expected a {JsonTypeNames.Of(typeof(T))}, got null.");
    }

    /// <summary>Reads the current member as a string; null is refused.</summary>
    /// <returns>The string.</returns>
    public readonly string String(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail($"expected a string, got {JsonErrors.Describe(reader.TokenType)}.");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException invalid)
        {
            // An escape of half a surrogate pair ("\ud800" alone): the reader's own message names neither member nor rule.
            throw Fail("the string holds an unpaired surrogate escape (such as \\ud800 alone), which is not text.", invalid);
        }
    }

    /// <summary>Reads the current member as a UUID string.</summary>
    /// <returns>The UUID.</returns>
    public readonly Guid Guid(ref Utf8JsonReader reader)
    {
        var text = String(ref reader);
        return System.Guid.TryParse(text, out var value)
            ? value
            : throw Fail($"{JsonErrors.Quote(text)} is not a UUID such as '01890a5d-ac96-774b-bcce-b302099a8057'.");
    }

    /// <summary>Reads the current member as a whole number that fits in 32 bits.</summary>
    /// <returns>The number.</returns>
    public readonly int Int32(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw Fail($"expected a whole number from {int.MinValue} to {int.MaxValue}, got {Found(ref reader)}.");

    /// <summary>Reads the current member as a whole number that fits in 64 bits.</summary>
    /// <returns>The number.</returns>
    public readonly long Int64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw Fail($"expected a whole number from {long.MinValue} to {long.MaxValue}, got {Found(ref reader)}.");

    /// <summary>Reads the current member as a finite number.</summary>
    /// <returns>The number.</returns>
    public readonly double Double(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Fail($"expected a finite number, got {Found(ref reader)}.");

    /// <summary>
    /// Reads the current member as an exact decimal: a string such as <c>"12.34"</c> (the form written, so that no
    /// reader rounds it through a double) or a JSON number, which System.Text.Json reads exactly too.
    /// </summary>
    /// <returns>The decimal.</returns>
    public readonly decimal Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return IsExact(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, number) ? number : throw Inexact(ref reader);
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped || reader.HasValueSequence))
        {
            var text = reader.GetString()!;
            if (decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var parsed))
            {
                return IsExact(Encoding.UTF8.GetBytes(text), parsed) ? parsed : throw Inexact(ref reader);
            }
        }
        else if (reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.ValueSpan, Styles, CultureInfo.InvariantCulture, out var parsed))
        {
            // Unescaped, the text is its bytes, parsed without making a string of them.
            return IsExact(reader.ValueSpan, parsed) ? parsed : throw Inexact(ref reader);
        }

        throw Fail($"expected a decimal number written as a string such as \"-12.34\", got {Found(ref reader)}.");
    }

    private readonly JsonException Inexact(ref Utf8JsonReader reader) =>
        Fail($"{Found(ref reader)} has more significant digits than a decimal holds (28), so it would be read as another number.");

    // Whether a number's text (a sign, digits, a point, and for a JSON number an exponent) means exactly the decimal
    // parsed from it: the parser rounds a number with more digits than a decimal holds ("0.00999…9" to 0.01, 1e-40
    // to 0), which would read an amount that breaks its currency's digits as another amount.
    private static bool IsExact(ReadOnlySpan<byte> text, decimal parsed)
    {
        var (digits, pointAt, exponent, i) = (0, -1, 0L, 0);
        var (first, last) = (-1, -1);
        UInt128 significand = 0;
        if (i < text.Length && text[i] is (byte)'-' or (byte)'+')
        {
            i++;
        }

        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' or (byte)'.'; i++)
        {
            if (text[i] == '.')
            {
                pointAt = digits;
                continue;
            }

            if (text[i] != '0')
            {
                (first, last) = (first < 0 ? digits : first, digits);
            }

            digits++;
        }

        if (i < text.Length && text[i] is (byte)'e' or (byte)'E')
        {
            var negative = ++i < text.Length && text[i] == '-';
            for (i += i < text.Length && text[i] is (byte)'-' or (byte)'+' ? 1 : 0; i < text.Length; i++)
            {
                exponent = Math.Min((exponent * 10) + (text[i] - '0'), 1_000_000);
            }

            exponent = negative ? -exponent : exponent;
        }

        if (first < 0)
        {
            return parsed == 0m;
        }

        if (last - first + 1 > 29)
        {
            return false;
        }

        // The text's value is significand × 10^power, with neither leading nor trailing zeros in the significand.
        for (var (at, digit) = (0, 0); at < text.Length && digit <= last; at++)
        {
            if (text[at] is >= (byte)'0' and <= (byte)'9')
            {
                if (digit >= first)
                {
                    significand = (significand * 10) + (uint)(text[at] - '0');
                }

                digit++;
            }
        }

        var power = exponent + ((pointAt < 0 ? digits : pointAt) - 1 - last);

        // The decimal's value the same way.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(parsed, bits);
        var mantissa = ((UInt128)unchecked((uint)bits[2]) << 64) | ((UInt128)unchecked((uint)bits[1]) << 32) | unchecked((uint)bits[0]);
        long scale = (bits[3] >> 16) & 0xFF;
        while (mantissa != 0 && mantissa % 10 == 0)
        {
            (mantissa, scale) = (mantissa / 10, scale - 1);
        }

        return mantissa == significand && -scale == power;
    }

    /// <summary>
    /// Builds the value through the domain's constructor or factory, turning its refusal into a JSON error about
    /// the member its parameter names (the converters name members after the domain's parameters), or about the
    /// whole value.
    /// </summary>
    /// <typeparam name="TArgs">What the value is made of, the members read.</typeparam>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="args">The members read.</param>
    /// <param name="create">Makes the value from them; a static lambda, so that reading a value allocates no closure.</param>
    /// <returns>The value.</returns>
    public readonly T Create<TArgs, T>(TArgs args, Func<TArgs, T> create)
    {
        try
        {
            return create(args);
        }
        catch (Exception exception) when (JsonErrors.IsRejection(exception))
        {
            var member = exception is ArgumentException { ParamName: { } name } && Array.IndexOf(_members, name) >= 0 ? name : null;
            throw member is null
                ? JsonErrors.Value(_owner, JsonErrors.RuleOf(exception), exception)
                : JsonErrors.Member(_owner, member, JsonErrors.RuleOf(exception), exception);
        }
    }

    // Converters of other libraries (NodaTime's) report a wrong token through the reader's own exceptions or their
    // own exception type; inside a value they are bad input like any other.
    private static bool IsNestedReadError(Exception exception) =>
        exception is InvalidOperationException or InvalidNodaDataException;

    private readonly int IndexOfMember(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _members.Length; i++)
        {
            if (reader.ValueTextEquals(_members[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Found(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => JsonErrors.Bound(JsonErrors.RawText(ref reader), JsonErrors.QuotedLength),
            JsonTokenType.String => $"\"{JsonErrors.Bound(reader.GetString()!, JsonErrors.QuotedLength)}\"",
            var token => JsonErrors.Describe(token),
        };

    private readonly string MemberList() => string.Join(", ", _members.Select(m => $"'{m}'"));
}

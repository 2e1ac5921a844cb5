using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// The wording of every error the converters raise. Messages start with the value's type and the member inside it
/// (<c>Money.amount: …</c>); System.Text.Json puts the JSON path of the value itself into <see cref="JsonException.Path"/>,
/// and a <see cref="JsonRefusalException"/> puts it in front of its message too (<c>$.fee: Money.amount: …</c>).
/// </summary>
internal static class JsonErrors
{
    /// <summary>Whether the domain refused a value: it signals that with these and nothing else.</summary>
    public static bool IsRejection(Exception exception) =>
        exception is ArgumentException or FormatException or OverflowException;

    /// <summary>
    /// The rule a domain exception states, without the parameter name that <see cref="ArgumentException"/> adds
    /// (" (Parameter 'amount')") or the domain's own "amount: " prefix: the JSON message names the member itself. A
    /// <see cref="DomainValidationException"/> about one argument reads the same; one about members inside a value
    /// names each member in its JSON name.
    /// </summary>
    public static string RuleOf(Exception exception)
    {
        if (exception is JsonRefusalException refusal)
        {
            // A value read inside another is located by the outer value's path and member, not its own.
            return refusal.Rule;
        }

        if (IsAboutArgument(exception, out var only))
        {
            // Read as any other ArgumentException: the reader names the member; the code stays on the inner exception.
            return only.Message;
        }

        if (exception is DomainValidationException { Errors: var errors })
        {
            // The domain names C# members; the reader of a document sees its JSON members.
            var problems = errors.Select(error => new DomainError(MemberPath(error.Field), error.Code, error.Message).ToString());
            return errors.Count == 1 ? problems.Single() : $"{errors.Count} problems: " + string.Join("; ", problems);
        }

        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { Length: > 0 } name })
        {
            var suffix = message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            if (suffix >= 0)
            {
                message = message[..suffix];
            }

            var prefix = name + ": ";
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                message = message[prefix.Length..];
            }
        }

        return message;
    }

    /// <summary>
    /// Whether the domain refused an argument as a whole with one error named after the argument itself
    /// (<c>DomainError("name", …)</c> of the <c>name</c> parameter): the member the parameter stands for is at fault.
    /// </summary>
    public static bool IsAboutArgument(Exception exception, [NotNullWhen(true)] out DomainError? error)
    {
        error = exception is DomainValidationException { Errors: [var only], ParamName: { } name } && only.Field == name ? only : null;
        return error is not null;
    }

    /// <summary>
    /// A member path as the domain writes it, in C# names (<c>Accounts[1].Handle</c>), in the JSON names of
    /// <see cref="CreatorMarketplaceJson.Options"/> (<c>accounts[1].handle</c>); indexes and keys in brackets stay as
    /// they are.
    /// </summary>
    public static string MemberPath(string memberPath)
    {
        var policy = CreatorMarketplaceJson.Options.PropertyNamingPolicy;
        if (policy is null)
        {
            return memberPath;
        }

        var path = new StringBuilder(memberPath.Length);
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= memberPath.Length; i++)
        {
            var c = i < memberPath.Length ? memberPath[i] : '.';
            if (depth == 0 && c is '.' or '[')
            {
                path.Append(policy.ConvertName(memberPath[start..i]));
                start = i;
            }

            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth > 0 || c == ']' || (c == '.' && i < memberPath.Length))
            {
                path.Append(c);
                start = i + 1;
            }
        }

        return path.ToString();
    }

    /// <summary>An error about a whole value, for example a distribution whose shares do not sum to 1.</summary>
    public static JsonException Value(string owner, string rule, Exception? inner = null) => Refusal($"{owner}: {rule}", inner);

    /// <summary>An error about one member of a value.</summary>
    public static JsonException Member(string owner, string member, string rule, Exception? inner = null) =>
        Refusal($"{owner}.{Bound(member, QuotedLength)}: {rule}", inner);

    /// <summary>A bad value refused while reading, its message bounded; the message gains the path once System.Text.Json sets it.</summary>
    public static JsonException Refusal(string rule, Exception? inner = null) => new JsonRefusalException(Bound(rule), inner);

    /// <summary>The most characters of a bad value a message quotes (<see cref="ErrorText.QuotedLength"/>).</summary>
    public const int QuotedLength = ErrorText.QuotedLength;

    /// <summary>The most characters a message has (<see cref="ErrorText.MessageLength"/>).</summary>
    public const int MessageLength = ErrorText.MessageLength;

    /// <summary>A bad value as a message quotes it (<see cref="ErrorText.Quote"/>).</summary>
    public static string Quote(string value) => ErrorText.Quote(value);

    /// <summary>The text bounded as <see cref="ErrorText.Bound"/> bounds it.</summary>
    public static string Bound(string text, int length = MessageLength) => ErrorText.Bound(text, length);

    /// <summary>A domain's message about <paramref name="value"/> with the value in it cut as <see cref="Quote"/> cuts it.</summary>
    public static string Shorten(string message, string value) =>
        Bound(value.Length <= QuotedLength ? message : message.Replace(value, Bound(value, QuotedLength), StringComparison.Ordinal));

    /// <summary>Whether <see cref="Bound"/> would change the text.</summary>
    public static bool IsUnbounded(string text, int length = MessageLength) => ErrorText.IsUnbounded(text, length);

    /// <summary>The token found where another was expected, in words.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>The raw text of a number token, for messages.</summary>
    public static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);

    /// <summary>The error for a default struct that holds no valid value and so has no JSON form.</summary>
    public static JsonException Unwritable(Type type, string why) =>
        new($"default({JsonTypeNames.Of(type)}) cannot be written: {why}");
}

/// <summary>
/// A value refused while reading. System.Text.Json sets <see cref="JsonException.Path"/> on the way out but keeps a
/// converter's message as it is, so a message logged or shown alone would not say where the value was: this one
/// starts with the path once it is known (<c>$.fee: Money.amount: …</c>), as a stored record's refusals do.
/// </summary>
internal sealed class JsonRefusalException(string rule, Exception? inner) : JsonException(rule, inner)
{
    /// <summary>The message without the path: the owner, the member and the rule.</summary>
    public string Rule => base.Message;

    /// <inheritdoc />
    public override string Message => Path is null ? Rule : $"{Path}: {Rule}";
}

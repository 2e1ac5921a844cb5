using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// The one way stored records are written and read: aggregate snapshots (<see cref="SnapshotSchema{TSnapshot}"/>),
/// domain events (<see cref="DomainEventJson"/>), ledger transactions, post metrics and catalog listings.
/// </summary>
/// <remarks>
/// <para>
/// Reading is strict, so that a damaged or hostile document is refused rather than read as something else:
/// </para>
/// <list type="bullet">
/// <item>a document longer than <see cref="MaxDocumentLength"/> characters is refused before it is parsed, and a
/// string or member name longer than <see cref="MaxStringLength"/> bytes before it is read;</item>
/// <item>a member may appear only once in an object;</item>
/// <item>every member is required: a member that may be absent is written as null and must be present;</item>
/// <item>an unknown member is refused;</item>
/// <item>a string escape with an unpaired surrogate (<c>"\ud800"</c>) is refused, since it is not text.</item>
/// </list>
/// <para>
/// Every refusal is a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> is the JSON path of the
/// offending value and whose message names the member and the rule, quoting at most a short prefix of a bad value.
/// </para>
/// </remarks>
public static partial class StoredJson
{
    /// <summary>The most characters a stored document may have: 16 Mi.</summary>
    public const int MaxDocumentLength = 16 * 1024 * 1024;

    /// <summary>The most bytes a string or member name may take in a stored document, as UTF-8 with its escapes: 1 Mi.</summary>
    public const int MaxStringLength = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The options stored records are written and read with: <see cref="CreatorMarketplaceJson.Options"/> with every
    /// member of a record required and unknown members refused. Read-only. Reading through <see cref="Read{T}"/> adds
    /// the checks these options cannot make (size, duplicate members, unpaired surrogates, paths for the domain's
    /// refusals).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes a stored record.</summary>
    /// <typeparam name="T">The record's type.</typeparam>
    /// <param name="value">The record.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="JsonException">
    /// The record holds a value that has no JSON form, or its document could not be read back: longer than
    /// <see cref="MaxDocumentLength"/> characters, or with a string longer than <see cref="MaxStringLength"/> bytes
    /// as written (a character the writer escapes, such as <c>&lt;</c> or <c>é</c>, takes six). The path and the
    /// message locate the value; nothing should be stored.
    /// </exception>
    public static string Write<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return Readable(JsonSerializer.Serialize(value, Options));
    }

    // A written document, refused here when reading it back would refuse it (its length, a string's length with its
    // escapes), so that nothing is stored that cannot be read: the domain bounds no text's length.
    internal static string Readable(string json)
    {
        byte[]? utf8 = null;
        try
        {
            (utf8, var length) = Utf8(json);
            Scan(utf8, length);
            return json;
        }
        catch (JsonException refused)
        {
            throw new JsonException($"The record cannot be stored, since it could not be read back: {refused.Message}", refused.Path, lineNumber: null, bytePositionInLine: null, refused);
        }
        finally
        {
            if (utf8 is not null)
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }
    }

    /// <summary>Reads a stored record, strictly (see <see cref="StoredJson"/>).</summary>
    /// <typeparam name="T">The record's type.</typeparam>
    /// <param name="json">The JSON document.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The document is not a valid <typeparamref name="T"/>; the path and the message locate the problem.</exception>
    public static T Read<T>(string json)
        where T : class =>
        (T)Read(json, typeof(T));

    /// <summary>
    /// Reads a stored record of the given type, strictly; <paramref name="quickly"/> false reads it the general way
    /// even when its type has a quick reading (<see cref="TryReadQuickly"/>), to compare the two.
    /// </summary>
    internal static object Read(string json, Type type, bool quickly = true)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (utf8, length) = Utf8(json);
        try
        {
            Scan(utf8, length);
            if (quickly && TryReadQuickly(utf8.AsSpan(0, length), type, out var quick))
            {
                return quick!;
            }

            var typeInfo = Options.GetTypeInfo(type);
            try
            {
                return JsonSerializer.Deserialize(utf8.AsSpan(0, length), typeInfo) ?? throw Refusal("$", "the document is null.");
            }
            catch (JsonException exception) when (JsonErrors.IsUnbounded(exception.Message))
            {
                // A hostile value repeated in a message would make the message as large as the value.
                throw new JsonException(JsonErrors.Bound(exception.Message), exception.Path, exception.LineNumber, exception.BytePositionInLine, exception.InnerException);
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                throw Locate(utf8.AsMemory(0, length), typeInfo, exception);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    // The document as UTF-8 in a pooled buffer, which the caller returns; the document's bytes are its first length.
    private static (byte[] Utf8, int Length) Utf8(string json)
    {
        if (json.Length > MaxDocumentLength)
        {
            throw Refusal("$", $"the document has {json.Length} characters; a stored document has at most {MaxDocumentLength}.");
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            return (utf8, StrictUtf8.GetBytes(json, utf8));
        }
        catch (EncoderFallbackException)
        {
            ArrayPool<byte>.Shared.Return(utf8);
            throw Refusal("$", "the document holds an unpaired surrogate character, so it is not text.");
        }
    }

    /// <summary>An error about the value at <paramref name="path"/>; the message starts with the path.</summary>
    private static JsonException Refusal(string path, string rule, Exception? inner = null) =>
        new($"{path}: {JsonErrors.Bound(rule)}", path, lineNumber: null, bytePositionInLine: null, inner);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(CreatorMarketplaceJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
#if NET10_0_OR_GREATER
            // Read only after Scan, which refuses a repeated member with its path: not looked for twice.
            AllowDuplicateProperties = true,
#endif
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireEveryMember } },
        };
        options.MakeReadOnly();
        return options;
    }

    // Every member a record's JSON is read into is required, whether or not its constructor parameter has a default:
    // a lost member must not become a default (a collaboration's verification that did not pass, a brief without
    // its don'ts). A member computed from the others (an invoice line's total) is required too, read, and must
    // match: otherwise anything could stand in it unread.
    private static void RequireEveryMember(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var parameters = ConstructorParameters(typeInfo.Type);
        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is null)
            {
                if (parameters.Count == 0 || property.Get is null)
                {
                    // Set member by member, a computed value could not be checked before the members it depends on.
                    continue;
                }

                // System.Text.Json requires only members it can set. A constructor parameter is passed to the
                // constructor instead, so its setter is never called; a computed member's value is set after the
                // constructor has run, so it can be compared with the value computed.
                property.Set = parameters.Contains(property.Name) ? static (_, _) => { } : MustMatch(typeInfo.Type, property, property.Get);
            }

            property.IsRequired = true;
        }
    }

    private static Action<object, object?> MustMatch(Type owner, JsonPropertyInfo property, Func<object, object?> computed) =>
        (record, value) =>
        {
            var computedValue = computed(record);
            if (ReferenceEquals(computedValue, value) && value is not null)
            {
                // The very object computed (a smart enum, say) is written as the value computed.
                return;
            }

            var expected = JsonSerializer.Serialize(computedValue, property.PropertyType, Options);
            if (JsonSerializer.Serialize(value, property.PropertyType, Options) != expected)
            {
                throw new JsonException(JsonErrors.Bound($"{JsonTypeNames.Of(owner)}.{property.Name}: is computed from the other members and must be {expected}."));
            }
        };

    // The parameters of the constructor System.Text.Json reads the type through: the one marked [JsonConstructor],
    // or, for a class, the only public one when there is no public parameterless constructor.
    private static HashSet<string> ConstructorParameters(Type type)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var constructors = type.GetConstructors(Instance);
        var chosen = constructors.FirstOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute)));
        if (chosen is null && !type.IsValueType)
        {
            var candidates = constructors.Where(c => c.IsPublic).ToArray();
            chosen = candidates.Length == 1 && candidates[0].GetParameters().Length > 0 ? candidates[0] : null;
        }

        return new((chosen?.GetParameters() ?? []).Select(p => p.Name!), StringComparer.OrdinalIgnoreCase);
    }

    // A type's own code refusing what it was given while the document is read: the document's fault, so a
    // JsonException like any other. System.Text.Json passes such exceptions through without a path.
    private static bool IsRefusal(Exception exception) =>
        exception is not (JsonException or OutOfMemoryException or OperationCanceledException);
}

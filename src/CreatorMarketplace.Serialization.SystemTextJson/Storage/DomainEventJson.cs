using System.Collections.Frozen;
using System.Text.Json;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

/// <summary>
/// Domain events as JSON, for outboxes: each event is written as its own record's JSON under a stable type name
/// (the record's name, for example <c>ContractSigned</c>), and read back from the two.
/// </summary>
/// <remarks>
/// The names cover every event type of CreatorMarketplace.Core; a name is the same in every release that has the
/// event. Events are written and read through <see cref="StoredJson"/>, strictly.
/// </remarks>
public static class DomainEventJson
{
    private static readonly FrozenDictionary<string, Type> TypesByName = typeof(IDomainEvent).Assembly.GetExportedTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IDomainEvent).IsAssignableFrom(type))
        .ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    /// <summary>The names of every event type, in order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = TypesByName.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Writes an event.</summary>
    /// <param name="domainEvent">The event; one of Core's event types.</param>
    /// <returns>Its type name and its JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domainEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of Core's event types.</exception>
    /// <exception cref="JsonException">The event's document could not be read back, as <see cref="StoredJson.Write{T}"/> says.</exception>
    public static StoredEvent Write(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var type = domainEvent.GetType();
        if (!TypesByName.TryGetValue(type.Name, out var known) || known != type)
        {
            throw new ArgumentException($"domainEvent: {type.FullName} is not an event type of CreatorMarketplace.Core, so it has no stored name.", nameof(domainEvent));
        }

        return new(type.Name, StoredJson.Readable(JsonSerializer.Serialize(domainEvent, type, StoredJson.Options)));
    }

    /// <summary>Reads an event written by <see cref="Write"/>.</summary>
    /// <param name="typeName">Its type name.</param>
    /// <param name="json">Its JSON.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonException">The name is unknown or the JSON is not a valid event of that type; the message names both.</exception>
    public static IDomainEvent Read(string typeName, string json)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(json);
        if (!TypesByName.TryGetValue(typeName, out var type))
        {
            throw new JsonException($"{JsonErrors.Quote(typeName)} is not the name of an event type; the names are: {string.Join(", ", TypeNames)}.");
        }

        try
        {
            return (IDomainEvent)StoredJson.Read(json, type);
        }
        catch (JsonException exception) when (!exception.Message.StartsWith(typeName + ":", StringComparison.Ordinal))
        {
            throw new JsonException($"{typeName}: {exception.Message}", exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
        }
    }
}

/// <summary>A domain event as an outbox keeps it: the event type's stored name and the event's JSON.</summary>
/// <param name="TypeName">The type name, for example <c>ContractSigned</c>.</param>
/// <param name="Json">The event's JSON.</param>
public sealed record StoredEvent(string TypeName, string Json);

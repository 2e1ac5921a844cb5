using System.Text.Json;
using System.Text.Json.Serialization;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="LedgerAccount"/> as <c>{"kind":"escrow held","owner":"0190…"}</c>; the platform's own accounts have
/// the empty UUID as owner.
/// </summary>
internal sealed class LedgerAccountJsonConverter : JsonConverter<LedgerAccount>
{
    private static readonly string[] Members = ["kind", "owner"];

    public override LedgerAccount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = new JsonObjectReader(ref reader, options, nameof(LedgerAccount), Members);
        var (kind, owner) = json.Members(ref reader, JsonMember.Value<AccountKind>(), JsonMember.Guid);
        return new LedgerAccount(kind, owner);
    }

    public override void Write(Utf8JsonWriter writer, LedgerAccount value, JsonSerializerOptions options)
    {
        if (value.Kind is null)
        {
            throw JsonErrors.Unwritable(typeof(LedgerAccount), "it has no kind.");
        }

        writer.WriteStartObject();
        writer.WriteMember(Members[0], value.Kind, options);
        writer.WriteString(Members[1], value.Owner);
        writer.WriteEndObject();
    }
}

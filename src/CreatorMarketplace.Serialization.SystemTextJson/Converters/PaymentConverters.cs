using System.Text.Json;
using CreatorMarketplace.Payments;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// <see cref="LedgerAccount"/> as <c>{"kind":"escrow held","owner":"0190…"}</c>; the platform's own accounts have
/// the empty UUID as owner.
/// </summary>
internal sealed class LedgerAccountJsonConverter() : JsonObjectConverter<LedgerAccount>(nameof(LedgerAccount), "kind", "owner")
{
    protected override LedgerAccount ReadMembers(ref JsonObjectReader json, ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var (kind, owner) = json.Members(ref reader, JsonMember.Value<AccountKind>(), JsonMember.Guid);
        return new LedgerAccount(kind, owner);
    }

    protected override void WriteMembers(Utf8JsonWriter writer, LedgerAccount value, JsonSerializerOptions options)
    {
        writer.WriteMember(Members[0], value.Kind, options);
        writer.WriteString(Members[1], value.Owner);
    }

    protected override string? Unwritable(LedgerAccount value) => value.Kind is null ? "it has no kind." : null;
}

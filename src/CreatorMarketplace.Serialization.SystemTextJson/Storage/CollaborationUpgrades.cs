using System.Text.Json.Nodes;
using CreatorMarketplace.Campaigns;
using CreatorMarketplace.Serialization.Converters;

namespace CreatorMarketplace.Serialization;

// The upgrades of a collaboration's stored history, one per schema version.
internal static class CollaborationUpgrades
{
    // Version 2: the events a payment reads carry what it needs. OfferAccepted names the brand; ContentApproved says
    // whether it approves the deliverable and every deliverable, AdReviewRecorded whether it approves every one;
    // CollaborationCancelled names the parties and the agreed price. Each is worked out from the events before it,
    // as the commands work it out, so the upgraded history is the one the commands record. A document this cannot
    // make sense of is left as it is, for the strict reading to refuse with a path.
    public static JsonObject ToVersion2(JsonObject document)
    {
        if (document["history"] is not JsonArray history)
        {
            return document;
        }

        JsonNode? brand = null, creator = null, price = null;
        var requiresAdReview = false;
        var approved = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var e in history.OfType<JsonObject>())
        {
            switch (Text(e, PolymorphicJsonConverter<CollaborationEvent>.TypeMember))
            {
                case "CollaborationOpened":
                    (brand, creator) = (e["brand"], e["creator"]);
                    break;
                case "OfferAccepted":
                    e["brand"] = brand?.DeepClone();
                    price = e["price"];
                    break;
                case "ContractAttached":
                    requiresAdReview = Flag(e, "requiresAdReview");
                    foreach (var deliverable in (e["deliverables"] as JsonArray)?.OfType<JsonObject>() ?? [])
                    {
                        approved[Text(deliverable, "name") ?? ""] = false;
                    }

                    break;
                case "DraftSubmitted":
                    approved[Text(e, "deliverable") ?? ""] = false;
                    break;
                case "ContentApproved":
                    approved[Text(e, "deliverable") ?? ""] = !requiresAdReview;
                    e["deliverableApproved"] = !requiresAdReview;
                    e["allApproved"] = approved.Values.All(value => value);
                    break;
                case "AdReviewRecorded":
                    approved[Text(e, "deliverable") ?? ""] = Flag(e, "passed");
                    e["allApproved"] = approved.Values.All(value => value);
                    break;
                case "CollaborationCancelled":
                    e["brand"] = brand?.DeepClone();
                    e["creator"] = creator?.DeepClone();
                    e["agreedPrice"] = price?.DeepClone();
                    break;
            }
        }

        return document;
    }

    // Version 3: the attachment and the approvals name the contract's version attached, whose payment terms apply.
    // Which version an older history attached is not in it, so they name none, and its payments follow the version in
    // force when they are handled, as they did when it was written.
    public static JsonObject ToVersion3(JsonObject document)
    {
        foreach (var e in (document["history"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (Text(e, PolymorphicJsonConverter<CollaborationEvent>.TypeMember) is "ContractAttached" or "ContentApproved" or "AdReviewRecorded")
            {
                e.TryAdd("contractVersion", null);
            }
        }

        return document;
    }

    private static string? Text(JsonObject e, string member) =>
        e[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Flag(JsonObject e, string member) =>
        e[member] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}

using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Access;

/// <summary>
/// The JSON form of an <see cref="AccessPolicy"/>: its name and versions, each with its effective instant, its roles
/// (name, permissions, kinds of workspace) and, optionally, its four-eyes rule (permissions and thresholds such as
/// <c>"USD 10000.00"</c>). Reading reports every problem with its JSON path, never a half-read policy.
/// </summary>
internal static class AccessPolicyJson
{
    private static readonly string[] PolicyProperties = ["name", "versions"];
    private static readonly string[] VersionProperties = ["effectiveFrom", "roles", "fourEyes"];
    private static readonly string[] RoleProperties = ["name", "permissions", "heldIn"];
    private static readonly string[] FourEyesProperties = ["permissions", "thresholds"];

    public static Validated<AccessPolicy> Read(string json)
    {
        var reader = new Reader();
        return reader.Read(json, reader.Policy);
    }

    public static string Write(AccessPolicy policy) =>
        VersionedPolicyJson.Write(policy.Name, description: null, policy.Versions, static version => version.EffectiveFrom, WriteVersion);

    private static void WriteVersion(Utf8JsonWriter writer, AccessPolicyVersion version)
    {
        writer.WriteStartArray("roles");
        foreach (var role in version.Roles)
        {
            writer.WriteStartObject();
            writer.WriteString("name", role.Name);
            VersionedPolicyJson.WriteNames(writer, "permissions", role.Permissions.Select(permission => permission.Name));
            VersionedPolicyJson.WriteNames(writer, "heldIn", role.HeldIn.Select(kind => kind.Name));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (version.FourEyes is { } rule)
        {
            writer.WriteStartObject("fourEyes");
            VersionedPolicyJson.WriteNames(writer, "permissions", rule.Permissions.Select(permission => permission.Name));
            VersionedPolicyJson.WriteNames(writer, "thresholds", rule.Thresholds.Values.Select(threshold => threshold.ToString()));
            writer.WriteEndObject();
        }
    }

    private sealed class Reader() : StrictJsonReader("access_policy")
    {
        public AccessPolicy? Policy(JsonElement root)
        {
            if (!IsObject(root, "$", PolicyProperties))
            {
                return null;
            }

            var name = String(root, "name", "$", required: true);
            var versions = Items(root, "versions", "$", Version);
            return Errors.HasErrors ? null : Built("$", () => AccessPolicy.Create(name!, versions!.Cast<AccessPolicyVersion>()));
        }

        private AccessPolicyVersion? Version(JsonElement element, string path)
        {
            if (!IsObject(element, path, VersionProperties))
            {
                return null;
            }

            var before = Errors.Errors.Count;
            var effectiveFrom = Parsed(element, "effectiveFrom", path, InstantPattern.ExtendedIso, "an instant such as \"2026-01-01T00:00:00Z\"");
            var roles = Items(element, "roles", path, Role);
            FourEyesRule? fourEyes = null;
            if (Property(element, "fourEyes", path, JsonValueKind.Object, required: false) is { } rule && IsObject(rule, $"{path}.fourEyes", FourEyesProperties))
            {
                var permissions = Names<Permission>(rule, "permissions", $"{path}.fourEyes", (string text, out Permission permission) => Permission.TryFromName(text, out permission), "a permission", Permission.List.Select(p => p.Name));
                var thresholds = Names<Money>(rule, "thresholds", $"{path}.fourEyes", (string text, out Money money) => Money.TryParse(text, out money), "an amount such as \"USD 10000.00\"", []);
                fourEyes = Errors.Errors.Count > before ? null : Built($"{path}.fourEyes", () => FourEyesRule.Create(permissions!, thresholds!));
            }

            return Errors.Errors.Count > before ? null : Built(path, () => AccessPolicyVersion.Create(effectiveFrom!.Value, roles!.Cast<AccessRole>(), fourEyes));
        }

        private AccessRole? Role(JsonElement element, string path)
        {
            if (!IsObject(element, path, RoleProperties))
            {
                return null;
            }

            var before = Errors.Errors.Count;
            var name = String(element, "name", path, required: true);
            var permissions = Names<Permission>(element, "permissions", path, (string text, out Permission permission) => Permission.TryFromName(text, out permission), "a permission", Permission.List.Select(p => p.Name));
            var kinds = Names<WorkspaceKind>(element, "heldIn", path, (string text, out WorkspaceKind kind) => WorkspaceKind.TryFromName(text, out kind), "a kind of workspace", WorkspaceKind.List.Select(k => k.Name));
            return Errors.Errors.Count > before ? null : Built(path, () => AccessRole.Create(name!, permissions!, kinds!));
        }

        // The items of an array, each read at its own path; null unless every item was read.
        private List<T?>? Items<T>(JsonElement owner, string name, string path, Func<JsonElement, string, T?> item)
            where T : class
        {
            if (Property(owner, name, path, JsonValueKind.Array, required: true) is not { } array)
            {
                return null;
            }

            var items = new List<T?>();
            foreach (var element in array.EnumerateArray())
            {
                items.Add(item(element, $"{path}.{name}[{items.Count}]"));
            }

            return items.Contains(null) ? null : items;
        }

        private delegate bool TryRead<T>(string text, out T value);

        // An array of strings, each read as a name (or an amount); null unless every one was read.
        private List<T>? Names<T>(JsonElement owner, string name, string path, TryRead<T> read, string expected, IEnumerable<string> known)
        {
            if (Property(owner, name, path, JsonValueKind.Array, required: true) is not { } array)
            {
                return null;
            }

            var (values, index) = (new List<T>(), 0);
            var list = string.Join(", ", known);
            foreach (var element in array.EnumerateArray())
            {
                var at = $"{path}.{name}[{index++}]";
                if (element.ValueKind != JsonValueKind.String)
                {
                    Errors.Add(at, "access_policy.json_type", $"expected {expected} as a string, got {Kind(element)}.");
                }
                else if (Text(element, at) is { } text)
                {
                    if (read(text, out var value))
                    {
                        values.Add(value);
                    }
                    else
                    {
                        Errors.Add(at, "access_policy.unknown_name", $"{ErrorText.Quote(text)} is not {expected}" + (list.Length > 0 ? $"; use one of {list} (case-sensitive)." : "."));
                    }
                }
            }

            return values.Count == index ? values : null;
        }
    }
}

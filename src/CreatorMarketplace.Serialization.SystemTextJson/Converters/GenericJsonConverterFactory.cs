using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreatorMarketplace.Serialization.Converters;

/// <summary>
/// Makes the converter of each closed type of a generic value (<c>Distribution&lt;Country&gt;</c>) from the generic
/// converter written for it (<c>DistributionJsonConverter&lt;TKey&gt;</c>), with the same type arguments.
/// </summary>
internal sealed class GenericJsonConverterFactory : JsonConverterFactory
{
    private readonly Type _value;
    private readonly Type _converter;
    private readonly Func<Type[], bool> _admits;

    /// <param name="value">The generic value type definition, for example <c>typeof(Distribution&lt;&gt;)</c>.</param>
    /// <param name="converter">The generic converter type definition with the same type parameters.</param>
    /// <param name="admits">Which type arguments the converter handles; all when null.</param>
    public GenericJsonConverterFactory(Type value, Type converter, Func<Type[], bool>? admits = null)
    {
        _value = value;
        _converter = converter;
        _admits = admits ?? (_ => true);
    }

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == _value && _admits(typeToConvert.GetGenericArguments());

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(_converter.MakeGenericType(typeToConvert.GetGenericArguments()))!;
}

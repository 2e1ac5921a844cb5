using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CreatorMarketplace.Generators;

/// <summary>
/// A generator driven by one attribute, which the compilation declares: it writes one source file for every type
/// marked with it.
/// </summary>
/// <typeparam name="TModel">What the generator reads from a marked type: strings and values only, so that the
/// pipeline's cache compares models by value.</typeparam>
public abstract class MarkedTypeGenerator<TModel> : IIncrementalGenerator
    where TModel : class, IEquatable<TModel>
{
    /// <summary>The attribute's metadata name, such as <c>CreatorMarketplace.UnionAttribute</c>.</summary>
    protected abstract string AttributeName { get; }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is TypeDeclarationSyntax,
            (marked, _) => Model((INamedTypeSymbol)marked.TargetSymbol, marked.Attributes[0]));

        context.RegisterSourceOutput(models, (output, model) =>
        {
            // No model: the type is not what the attribute expects, and the compiler's own errors say why.
            if (model is not null)
            {
                output.AddSource($"{HintName(model)}.g.cs", SourceText.From(Source(model), Encoding.UTF8));
            }
        });
    }

    /// <summary>Reads a marked type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="attribute">Its attribute.</param>
    /// <returns>The model, or null when the type cannot be generated for.</returns>
    protected abstract TModel? Model(INamedTypeSymbol type, AttributeData attribute);

    /// <summary>The name of a model's source file, unique in the compilation.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The name, without extension.</returns>
    protected abstract string HintName(TModel model);

    /// <summary>Writes a model's source.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The C# source.</returns>
    protected abstract string Source(TModel model);
}

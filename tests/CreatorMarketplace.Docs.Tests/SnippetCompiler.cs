using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CreatorMarketplace.Docs.Tests;

/// <summary>
/// Compiles a snippet as the program of an application that references every package, nullable on, against the
/// assemblies this test runs with. The pages say that their code assumes the web SDK's implicit usings and a
/// <c>using</c> of NodaTime and of every namespace of the packages; those are given here, and nothing else is.
/// </summary>
internal static class SnippetCompiler
{
    // What `<ImplicitUsings>enable</ImplicitUsings>` gives an application of the web SDK, a service's usual home.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        global using NodaTime;
        """;

    private static readonly Lazy<string> PackageUsings = new(() => string.Join(
        Environment.NewLine,
        new[] { typeof(Money).Assembly, typeof(Serialization.CreatorMarketplaceJson).Assembly, typeof(Storage.Sqlite.SqliteMarketplaceStore).Assembly,
                typeof(Storage.PostgreSql.PostgreSqlMarketplaceStore).Assembly, typeof(DependencyInjection.CreatorMarketplaceServiceCollectionExtensions).Assembly,
                typeof(Connectors.TikTok.TikTokConnector).Assembly, typeof(Connectors.YouTube.YouTubeConnector).Assembly,
                typeof(Connectors.Instagram.InstagramConnector).Assembly, typeof(Testing.KernelArbitraries).Assembly, typeof(AspNetCore.MarketplaceResults).Assembly,
                typeof(Planning.CreatorTest).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith("CreatorMarketplace", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(name => $"global using {name};")));

    private static readonly CSharpParseOptions Parsing = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [
            .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(path => MetadataReference.CreateFromFile(path)),
        ]);

    /// <summary>The errors compiling the snippet gives, each with the line it is on; none when it compiles.</summary>
    public static IReadOnlyList<string> Errors(string code, params IReadOnlyList<string> given)
    {
        var block = CSharpSyntaxTree.ParseText(code, Parsing).GetCompilationUnitRoot();
        var declared = Declared(block).ToHashSet(StringComparer.Ordinal);
        var givenRoots = given.Select(text => CSharpSyntaxTree.ParseText(text, Parsing).GetCompilationUnitRoot()).ToList();
        var kept = new List<MemberDeclarationSyntax>();
        for (var index = givenRoots.Count - 1; index >= 0; index--)
        {
            kept.InsertRange(0, givenRoots[index].Members.Where(member => !Declared(member).Any(declared.Contains)));
            declared.UnionWith(Declared(givenRoots[index]));
        }

        // A program's statements come before its types: the given ones, then the block's, then every type.
        var members = kept.OfType<GlobalStatementSyntax>().Concat<MemberDeclarationSyntax>(block.Members.OfType<GlobalStatementSyntax>())
            .Concat(kept.Where(member => member is not GlobalStatementSyntax))
            .Concat(block.Members.Where(member => member is not GlobalStatementSyntax))
            .ToList();
        var program = CSharpSyntaxTree.ParseText(block.WithUsings(block.Usings.AddRange(givenRoots.SelectMany(root => root.Usings))).WithMembers(SyntaxFactory.List(members)).ToFullString(), Parsing);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [program, CSharpSyntaxTree.ParseText(ImplicitUsings + Environment.NewLine + PackageUsings.Value, Parsing)],
            References.Value,
            new CSharpCompilationOptions(
                members.OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        return
        [
            .. compilation.GetDiagnostics()
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                .Select(diagnostic => $"{diagnostic.Id} in `{LineOf(diagnostic)}`: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}"),
        ];
    }

    private static string LineOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree
            ? tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : "";

    // The names a block (or one given member) declares at its top level: types, locals and local functions.
    private static IEnumerable<string> Declared(SyntaxNode node) => node switch
    {
        CompilationUnitSyntax unit => unit.Members.SelectMany(Declared),
        BaseTypeDeclarationSyntax type => [type.Identifier.ValueText],
        DelegateDeclarationSyntax type => [type.Identifier.ValueText],
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration.Variables.Select(variable => variable.Identifier.ValueText),
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [function.Identifier.ValueText],
        _ => [],
    };
}

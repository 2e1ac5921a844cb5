using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace CreatorMarketplace.Tests.Architecture;

/// <summary>
/// Core's namespaces form layers: each may use only the layers below it, never a peer in its own layer or a layer
/// above, so the namespaces form no cycle. Dependencies are read from the compiled assembly (signatures, fields,
/// method bodies, attributes), not from using directives. The one use the assembly cannot show is of a constant
/// alone, which the compiler copies into its user; docs/architecture.md draws the same layers.
/// </summary>
public class LayerTests
{
    /// <summary>Core's layers, lowest first; a namespace may depend only on namespaces of lower layers.</summary>
    private static readonly IReadOnlyList<(string Layer, string[] Namespaces)> Layers =
    [
        ("kernel", ["CreatorMarketplace"]),
        ("foundation contexts", ["CreatorMarketplace.Creators", "CreatorMarketplace.Brands", "CreatorMarketplace.Metrics", "CreatorMarketplace.Compliance", "CreatorMarketplace.Access"]),
        ("rules on creators", ["CreatorMarketplace.Eligibility", "CreatorMarketplace.Scoring"]),
        ("discovery and contracts", ["CreatorMarketplace.Discovery", "CreatorMarketplace.Contracts"]),
        ("campaigns", ["CreatorMarketplace.Campaigns"]),
        ("payments", ["CreatorMarketplace.Payments"]),
        ("storage ports", ["CreatorMarketplace.Storage"]),
        // The sync service saves creators and post metrics through the storage ports.
        ("connectors", ["CreatorMarketplace.Connectors"]),
        ("in-memory adapters", ["CreatorMarketplace.Storage.InMemory", "CreatorMarketplace.Discovery.InMemory"]),
        // The catalog follower reads the store's ports and loads the in-memory catalog in bulk when it is given one.
        ("read models", ["CreatorMarketplace.ReadModels"]),
    ];

    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>>> Graph = new(BuildGraph);

    [Fact]
    public void Every_namespace_of_core_is_in_a_layer()
    {
        var placed = Layers.SelectMany(layer => layer.Namespaces).ToHashSet();
        var unplaced = Namespaces().Where(ns => !placed.Contains(ns)).ToList();

        unplaced.ShouldBeEmpty("every namespace of Core is placed in LayerTests.Layers (and docs/architecture.md)");
    }

    [Fact]
    public void No_namespace_depends_on_its_own_layer_or_a_layer_above()
    {
        var violations = Graph.Value
            .Where(edge => !PointsDown(edge.Key.From, edge.Key.To))
            .Select(edge => Describe(edge.Key, edge.Value))
            .ToList();

        violations.ShouldBeEmpty("a namespace uses only the layers below its own:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Core_namespaces_form_no_cycle()
    {
        var cycles = StronglyConnected(Namespaces(), Graph.Value.Keys).Where(component => component.Count > 1).ToList();

        cycles.ShouldBeEmpty(
            "Core's namespaces form no cycle; these use each other:\n" +
            string.Join("\n", cycles.Select(cycle => string.Join(", ", cycle.Order(StringComparer.Ordinal)))));
    }

    [Fact]
    public void The_check_sees_dependencies_in_method_bodies_and_signatures()
    {
        // Guards the guard: a check that read nothing would pass everything.
        Graph.Value.ShouldContainKey(("CreatorMarketplace.Creators", "CreatorMarketplace"));
        Graph.Value.ShouldContainKey(("CreatorMarketplace.Storage.InMemory", "CreatorMarketplace.Storage"));
        Layers.Select(layer => layer.Layer).ShouldBeUnique();
        Layers.SelectMany(layer => layer.Namespaces).ShouldBeUnique();
    }

    [Fact]
    public void A_cycle_is_found_however_long()
    {
        var components = StronglyConnected(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);

        components.Where(component => component.Count > 1).Single().Order(StringComparer.Ordinal).ShouldBe(["a", "b", "c"]);
        components.Count.ShouldBe(2);
    }

    /// <summary>
    /// Finds the groups of namespaces that reach each other (Tarjan's strongly connected components); a group of
    /// more than one is a cycle.
    /// </summary>
    /// <param name="nodes">The namespaces.</param>
    /// <param name="edges">Who uses whom.</param>
    /// <returns>The groups.</returns>
    private static IReadOnlyList<IReadOnlyList<string>> StronglyConnected(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        var next = edges.ToLookup(edge => edge.From, edge => edge.To);
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in next[node])
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Concat(next.Select(group => group.Key)).Distinct())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    private static bool PointsDown(string from, string to) => LayerOf(to) < LayerOf(from);

    private static int LayerOf(string ns)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Namespaces.Contains(ns))
            {
                return i;
            }
        }

        // An unplaced namespace counts as the top, so that nothing may use it; Every_namespace_of_core_is_in_a_layer names it.
        return Layers.Count;
    }

    private static string Describe((string From, string To) edge, IReadOnlyList<string> uses) =>
        $"{edge.From} -> {edge.To}: {string.Join("; ", uses.Take(5))}{(uses.Count > 5 ? $" and {uses.Count - 5} more" : "")}";

    private static bool IsCore(string ns) => ns == "CreatorMarketplace" || ns.StartsWith("CreatorMarketplace.", StringComparison.Ordinal);

    private static IReadOnlyList<string> Namespaces() =>
        CoreTypes().Select(type => type.Namespace.FullName).Where(IsCore).Distinct().Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<IType> CoreTypes() => Architecture.Value.Types;

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Architecture =
        new(() => new ArchLoader().LoadAssemblies(typeof(Money).Assembly).Build());

    private static IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> BuildGraph()
    {
        var uses = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (var type in CoreTypes())
        {
            foreach (var dependency in type.Dependencies)
            {
                var from = dependency.Origin.Namespace.FullName;
                var to = dependency.Target.Namespace.FullName;
                if (from == to || !IsCore(from) || !IsCore(to))
                {
                    continue;
                }

                if (!uses.TryGetValue((from, to), out var names))
                {
                    uses[(from, to)] = names = new SortedSet<string>(StringComparer.Ordinal);
                }

                names.Add($"{dependency.Origin.Name} uses {dependency.Target.Name}");
            }
        }

        return uses.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value.ToList());
    }
}

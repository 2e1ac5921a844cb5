using System.Collections;
using System.Reflection;
using Ardalis.SmartEnum;

namespace CreatorMarketplace.Tests.Kernel;

public class SmartEnumTests
{
    private static readonly Type[] SmartEnums =
    [
        .. typeof(Money).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && BaseTypes(type).Any(b => b.IsGenericType && b.GetGenericTypeDefinition() == typeof(SmartEnum<,>)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal),
    ];

    [Fact]
    public void Core_has_smart_enums_to_check()
    {
        SmartEnums.ShouldContain(typeof(CreatorMarketplace.Contracts.ContractStatus));
        SmartEnums.ShouldContain(typeof(CreatorMarketplace.Scoring.PeerMetric));
        SmartEnums.Length.ShouldBeGreaterThan(30);
    }

    // Smart enums print as their name (a country and a currency as their code, which is their name), so
    // messages, audit trails and interpolated text read the same whichever type a value has.
    [Fact]
    public void Every_value_of_every_smart_enum_prints_its_name()
    {
        var misprinted = (
            from type in SmartEnums
            from value in Values(type)
            let name = (string)type.GetProperty("Name")!.GetValue(value)!
            where value.ToString() != name
            select $"{type.Name}.{name}: {value}").ToList();

        misprinted.ShouldBeEmpty();
    }

    private static IEnumerable<object> Values(Type type) =>
        ((IEnumerable)type.GetProperty("List", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!.GetValue(null)!).Cast<object>();

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}

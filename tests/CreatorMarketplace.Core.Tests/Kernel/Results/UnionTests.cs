using System.Reflection;
using CreatorMarketplace.Storage;

namespace CreatorMarketplace.Tests.Kernel;

public class UnionTests
{
    // Every named union in Core, generic ones closed over string so that a null case can be passed.
    private static readonly Type[] Unions =
    [
        .. typeof(Money).Assembly.GetTypes()
            .Where(type => type.BaseType is { IsGenericType: true } baseType && baseType.Name.StartsWith("OneOfBase", StringComparison.Ordinal))
            .Select(type => type.IsGenericTypeDefinition ? type.MakeGenericType(typeof(string)) : type)
            .OrderBy(type => type.Name, StringComparer.Ordinal),
    ];

    public static TheoryData<string> UnionNames => [.. Unions.Select(type => type.Name)];

    [Fact]
    public void Core_has_its_twelve_named_unions()
    {
        Unions.Length.ShouldBe(12);
    }

    [Theory]
    [MemberData(nameof(UnionNames))]
    public void A_union_converts_from_each_of_its_cases(string name)
    {
        var union = Unions.Single(type => type.Name == name);
        var cases = union.BaseType!.GetGenericArguments();

        Conversions(union).Select(conversion => conversion.GetParameters()[0].ParameterType).ShouldBe(cases, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(UnionNames))]
    public void A_union_refuses_a_null_case(string name)
    {
        var union = Unions.Single(type => type.Name == name);

        foreach (var conversion in Conversions(union).Where(conversion => !conversion.GetParameters()[0].ParameterType.IsValueType))
        {
            var thrown = Should.Throw<TargetInvocationException>(() => conversion.Invoke(null, [null]));
            thrown.InnerException.ShouldBeOfType<ArgumentNullException>().ParamName.ShouldBe("value");
        }
    }

    [Fact]
    public void A_conversion_holds_its_case()
    {
        SaveResult conflict = new Conflict("Shortlist", Guid.NewGuid(), 1, 2);
        CommandResult refused = new NotAllowed("sign", "draft", "the contract has not been sent.");
        Validated<string> valid = "ready";

        conflict.IsT1.ShouldBeTrue();
        refused.Refusal!.Action.ShouldBe("sign");
        valid.GetValueOrThrow().ShouldBe("ready");
    }

    [Fact]
    public void A_refusal_or_a_conflict_thrown_carries_itself_for_an_error_handler()
    {
        var refusal = new NotAllowed("sign", "draft", "the contract has not been sent.");
        var conflict = new Conflict("Shortlist", Guid.NewGuid(), 1, 2);

        Should.Throw<NotAllowedException>(() => ((CommandResult)refusal).ThrowIfNotAllowed()).Refusal.ShouldBeSameAs(refusal);
        Should.Throw<NotAllowedException>(() => ((CommandResult<string>)refusal).GetValueOrThrow()).Message.ShouldBe(refusal.ToString());
        Should.Throw<ConflictException>(() => ((SaveResult)conflict).ThrowIfConflict()).Conflict.ShouldBeSameAs(conflict);
        Should.Throw<ConflictException>(() => ((SaveResult)conflict).ThrowIfConflict()).ShouldBeAssignableTo<InvalidOperationException>();
    }

    private static IEnumerable<MethodInfo> Conversions(Type union) =>
        union.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(method => method.Name == "op_Implicit" && method.ReturnType == union);
}

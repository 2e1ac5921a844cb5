namespace CreatorMarketplace.Tests.Kernel;

public class ErrorCollectorTests
{
    [Fact]
    public void Collects_every_error_with_nested_field_paths()
    {
        var errors = new ErrorCollector();

        errors.Require(false, "name", "brief.name_missing", "a brief needs a name");
        var deliverable = errors.At("deliverables").At("[2]");
        deliverable.Add("dueDate", "brief.due_outside_timeline", "the due date must fall inside the campaign timeline");
        deliverable.Add(string.Empty, "brief.deliverable_incomplete", "the deliverable is incomplete");
        errors.Require(true, "budget", "never", "never added");

        errors.Errors.Select(e => e.Field).ShouldBe(["name", "deliverables[2].dueDate", "deliverables[2]"]);
    }

    [Fact]
    public void A_scope_and_its_root_see_the_same_errors_whichever_adds_first()
    {
        var root = new ErrorCollector();
        var scope = root.At("prices");

        scope.HasErrors.ShouldBeFalse();
        scope.Errors.ShouldBeEmpty();
        scope.Add("[Story]", "rate_card.negative_price", "a price may not be negative");
        root.Add("currency", "rate_card.currency_unknown", "unknown currency");

        root.Errors.Select(e => e.Field).ShouldBe(["prices[Story]", "currency"]);
        scope.Errors.ShouldBe(root.Errors);
        scope.HasErrors.ShouldBeTrue();
        Should.Throw<DomainValidationException>(() => scope.ThrowIfAny()).Errors.Count.ShouldBe(2);
    }

    [Fact]
    public void A_collector_that_finds_nothing_allocates_only_itself()
    {
        static void Validate(long followers)
        {
            var errors = new ErrorCollector();
            errors.Require(followers >= 0, "followers", "stats.negative", "followers may not be negative");
            errors.ThrowIfAny();
        }

        Validate(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Validate(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The collector's own object; its list is made at the first error (values are validated by the million when read).
        allocated.ShouldBeLessThanOrEqualTo(40);
    }

    [Fact]
    public void ThrowIfAny_carries_all_errors_in_one_exception()
    {
        var errors = new ErrorCollector()
            .Add("a", "x.one", "first rule")
            .Add("b", "x.two", "second rule");

        var error = Should.Throw<DomainValidationException>(() => errors.ThrowIfAny("query"));

        error.ParamName.ShouldBe("query");
        error.Errors.Count.ShouldBe(2);
        error.Message.ShouldContain("a: first rule (x.one)");
        error.Message.ShouldContain("b: second rule (x.two)");
    }

    [Fact]
    public void ToResult_never_builds_a_value_from_invalid_input()
    {
        var built = false;
        var errors = new ErrorCollector().Add("field", "x.bad", "bad");

        var result = errors.ToResult(() =>
        {
            built = true;
            return 42;
        });

        built.ShouldBeFalse();
        result.IsValid.ShouldBeFalse();
        Should.Throw<DomainValidationException>(() => result.GetValueOrThrow()).Errors.ShouldBe(errors.Errors);
        new ErrorCollector().ToResult(() => 42).GetValueOrThrow().ShouldBe(42);
    }

    [Fact]
    public void Invalid_outcomes_compare_by_their_errors()
    {
        new Invalid("f", "x.code", "message").ShouldBe(new Invalid([new DomainError("f", "x.code", "message")]));
        Should.Throw<ArgumentException>(() => new Invalid([]));
        Should.Throw<ArgumentException>(() => new DomainError("f", " ", "message"));
    }

    [Fact]
    public void Results_of_an_interface_type_are_made_with_the_named_factories()
    {
        var valid = Validated<IComparable<int>>.Valid(5);
        var failed = Validated<IComparable<int>>.Failed(new Invalid("f", "x.code", "message"));

        valid.IsValid.ShouldBeTrue();
        valid.GetValueOrThrow().CompareTo(5).ShouldBe(0);
        failed.IsValid.ShouldBeFalse();
        failed.Errors.Select(e => e.Code).ShouldBe(["x.code"]);
    }
}

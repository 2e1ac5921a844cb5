namespace CreatorMarketplace.Planning;

/// <summary>What an arm of a creator test varies.</summary>
public enum TestArmKind
{
    /// <summary>A creator, against other creators on a similar brief.</summary>
    Creator,

    /// <summary>A brief, given to comparable creators.</summary>
    Brief,

    /// <summary>A content approach: a hook, a format, a call to action.</summary>
    ContentApproach,

    /// <summary>An audience segment reached by the same content.</summary>
    AudienceSegment,
}

/// <summary>One arm of a creator test: a name to report it by, and what it stands for.</summary>
/// <param name="Name">The arm's name, unique in its test, for example <c>maya</c>.</param>
/// <param name="Kind">What the arm varies.</param>
/// <param name="Description">What the arm stands for, for example <c>@maya.makes, unboxing video</c>.</param>
public sealed record TestArm(string Name, TestArmKind Kind, string Description)
{
    /// <summary>Formats the arm, for example <c>"maya (creator: @maya.makes, unboxing video)"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({Kind}: {Description})";
}

using System.Text;
using System.Text.RegularExpressions;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>The one rule for collection names, and how a name (valid or not) is shown in messages and logs.</summary>
public static partial class CollectionNames
{
    /// <summary>Longest name, in characters.</summary>
    private const int MaxLength = 64;

    /// <summary>What a valid name looks like, for messages.</summary>
    private const string Rule = "1 to 64 letters, digits, '-', '_' or '.', not starting with '.'";

    /// <summary>True when <paramref name="name"/> is a valid collection name (the whole string: no trailing newline slips through).</summary>
    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    /// <summary>What is wrong with <paramref name="name"/>, naming the rule, or null when it is valid.</summary>
    public static string? Problem(string? name) =>
        IsValid(name) ? null : name is null || name.Length == 0 ? "The collection name is empty." : $"'{Shown(name)}' is not a valid collection name: use {Rule}.";

    /// <summary>Throws an ArgumentException saying <see cref="Problem"/> when <paramref name="name"/> is not valid.</summary>
    public static string Require(string? name) =>
        Problem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : name!;

    /// <summary>
    /// A name as messages and logs may echo it: at most 64 characters (then "…(N chars)"), control characters
    /// escaped, so a hostile name can neither flood a log nor break its lines.
    /// </summary>
    public static string Shown(string? name)
    {
        if (name is null)
            return "";
        var text = new StringBuilder(Math.Min(name.Length, MaxLength) + 16);
        foreach (char c in name.AsSpan(0, Math.Min(name.Length, MaxLength)))
        {
            if (char.IsControl(c))
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                text.Append(c);
        }
        if (name.Length > MaxLength)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"…({name.Length} chars)");
        return text.ToString();
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex ValidName();
}

using System.CommandLine;
using System.Numerics;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Range checks on numeric options, reported by the parser as clear errors before a command runs.</summary>
internal static class OptionRules
{
    /// <summary>Requires the value to be at least <paramref name="min"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min)
        where T : INumber<T> => option.Require(v => v >= min, $"at least {min}");

    /// <summary>Requires the value to lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> Between<T>(this Option<T> option, T min, T max)
        where T : INumber<T> => option.Require(v => v >= min && v <= max, $"between {min} and {max}");

    /// <summary>Requires the value to lie in (<paramref name="min"/>, <paramref name="max"/>), ends excluded.</summary>
    public static Option<T> StrictlyBetween<T>(this Option<T> option, T min, T max)
        where T : INumber<T> => option.Require(v => v > min && v < max, $"strictly between {min} and {max}");

    private static Option<T> Require<T>(this Option<T> option, Func<T, bool> isValid, string rule)
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // Not a number at all: the parser already reports that, naming the value.
                return;
            }
            if (!isValid(value))
                result.AddError($"{option.Name} must be {rule}; got {value}.");
        });
        return option;
    }
}

using System.CommandLine;
using System.Globalization;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>Options that take a comma-separated list of positive integers, such as --ef 10,16,32.</summary>
internal static class ListOption
{
    /// <summary>Creates the option with its default list.</summary>
    public static Option<int[]> OfPositiveInts(string name, string description, int[] defaults) => new(name)
    {
        Description = $"{description} (comma-separated).",
        DefaultValueFactory = _ => defaults,
        CustomParser = result =>
        {
            var values = new List<int>();
            foreach (var token in result.Tokens)
            {
                foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
                    {
                        result.AddError($"{name}: '{part}' is not a positive integer.");
                        return [];
                    }
                    values.Add(value);
                }
            }
            return [.. values];
        },
    };
}

using System.Text;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>The canonical names of gRPC status codes (OK, INVALID_ARGUMENT, UNAUTHENTICATED…), as metrics and logs label them.</summary>
public static class StatusCodeNames
{
    private static readonly Dictionary<StatusCode, string> Names = Enum.GetValues<StatusCode>().ToDictionary(code => code, Canonical);

    /// <summary>The canonical name of <paramref name="code"/>.</summary>
    public static string Of(StatusCode code) => Names.TryGetValue(code, out string? name) ? name : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>InvalidArgument → INVALID_ARGUMENT (OK stays OK).</summary>
    private static string Canonical(StatusCode code)
    {
        string pascal = code.ToString();
        var name = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && char.IsLower(pascal[i - 1]))
                name.Append('_');
            name.Append(char.ToUpperInvariant(pascal[i]));
        }
        return name.ToString();
    }
}

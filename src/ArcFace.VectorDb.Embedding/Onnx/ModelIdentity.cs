using System.Security.Cryptography;

namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>A model as collections record it, "FILE sha256:HEX": the hash says which model it is, the file name only where it came from.</summary>
public sealed record ModelIdentity(string FileName, string Sha256)
{
    private const string HashMark = " sha256:";

    /// <summary>The identity of a model file: its name and the SHA-256 of its bytes.</summary>
    public static ModelIdentity OfFile(string modelPath)
    {
        using var stream = File.OpenRead(modelPath);
        return new(Path.GetFileName(modelPath), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Reads a recorded "FILE sha256:HEX" (the file name may hold spaces); null when the text is not one.</summary>
    public static ModelIdentity? Parse(string text)
    {
        int mark = text.LastIndexOf(HashMark, StringComparison.Ordinal);
        if (mark < 1)
            return null;
        string hash = text[(mark + HashMark.Length)..];
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigit) ? new(text[..mark], hash.ToLowerInvariant()) : null;
    }

    /// <summary>True when both are the same bytes, whatever the files are called.</summary>
    public bool IsSameModelAs(ModelIdentity other) => Sha256 == other.Sha256;

    /// <inheritdoc />
    public override string ToString() => $"{FileName}{HashMark}{Sha256}";
}

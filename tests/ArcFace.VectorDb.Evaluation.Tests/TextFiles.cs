using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests;

/// <summary>Writes small text files for the readers under test and checks how they refuse malformed ones.</summary>
internal static class TextFiles
{
    /// <summary>Writes the text to a file of that name in the directory and returns its path.</summary>
    public static string Write(TempDirectory dir, string name, string text)
    {
        File.WriteAllText(dir.File(name), text);
        return dir.File(name);
    }

    /// <summary>Asserts that reading a file holding the text fails with a message containing the file name and the expected words.</summary>
    public static void AssertRejected(string name, string text, string expected, Func<string, object> read)
    {
        using var dir = new TempDirectory();
        string file = Write(dir, name, text);
        var error = Assert.Throws<InvalidDataException>(() => read(file));
        Assert.Contains(name, error.Message);
        Assert.Contains(expected, error.Message);
    }
}

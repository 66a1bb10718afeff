using System.Globalization;

namespace ArcFace.VectorDb.Core.Formats;

/// <summary>Parses the Python dict literal of an .npy header: <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>.</summary>
internal static class NpyHeaderParser
{
    /// <summary>Parses the dict; throws <see cref="FormatException"/> saying what is malformed or missing.</summary>
    public static NpyHeader Parse(string text)
    {
        var cursor = new Cursor(text);
        string? descr = null;
        bool? fortranOrder = null;
        long[]? shape = null;
        cursor.Expect('{');
        while (!cursor.TryTake('}'))
        {
            string key = cursor.ReadString();
            cursor.Expect(':');
            switch (key)
            {
                case "descr": descr = cursor.ReadString(); break;
                case "fortran_order": fortranOrder = cursor.ReadBool(); break;
                case "shape": shape = cursor.ReadTuple(); break;
                default: throw new FormatException($"unexpected key '{key}'");
            }
            if (!cursor.TryTake(','))
            {
                cursor.Expect('}');
                break;
            }
        }
        return new NpyHeader(descr ?? throw Missing("descr"), fortranOrder ?? throw Missing("fortran_order"), shape ?? throw Missing("shape"));
    }

    private static FormatException Missing(string key) => new($"the key '{key}' is missing");

    private sealed class Cursor(string text)
    {
        private int position;

        public void Expect(char c)
        {
            if (!TryTake(c))
                throw Unexpected($"'{c}'");
        }

        public bool TryTake(char c)
        {
            SkipSpace();
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }
            return false;
        }

        public string ReadString()
        {
            SkipSpace();
            if (position >= text.Length || text[position] is not ('\'' or '"'))
                throw Unexpected("a quoted string");
            char quote = text[position];
            int end = text.IndexOf(quote, position + 1);
            if (end < 0)
                throw new FormatException($"unterminated string at position {position}");
            string value = text[(position + 1)..end];
            position = end + 1;
            return value;
        }

        public bool ReadBool()
        {
            if (TryTakeWord("True"))
                return true;
            if (TryTakeWord("False"))
                return false;
            throw Unexpected("True or False");
        }

        private bool TryTakeWord(string word)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
                return false;
            position += word.Length;
            return true;
        }

        public long[] ReadTuple()
        {
            Expect('(');
            var values = new List<long>();
            while (!TryTake(')'))
            {
                SkipSpace();
                int start = position;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                    position++;
                if (!long.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                    throw Unexpected("a non-negative integer");
                values.Add(value);
                TryTake('L');
                if (!TryTake(','))
                {
                    Expect(')');
                    break;
                }
            }
            return values.ToArray();
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
                position++;
        }

        private FormatException Unexpected(string expected) =>
            new($"expected {expected} at position {position}, found {(position < text.Length ? $"'{text[position]}'" : "the end")}");
    }
}

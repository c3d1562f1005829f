using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// Damage done to shipped input files at random, as editing accidents and bad copies do it: a line deleted,
/// duplicated, truncated or garbled, its indentation shifted, the file cut short, one byte flipped.
/// </summary>
internal static class Mutations
{
    /// <summary>The shipped files under a folder, as (path relative to the folder, text), in name order.</summary>
    public static (string Path, string Text)[] Shipped(string folder, string pattern, string? prefix = null) => [.. Directory
        .EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => ((prefix ?? "") + Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)))];

    /// <summary>The files with one to three mutations in one of them, chosen by <paramref name="random"/>.</summary>
    public static (string Path, string Text)[] Damage((string Path, string Text)[] files, Random random)
    {
        var texts = files.ToArray();
        var target = random.Next(texts.Length);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            texts[target] = (texts[target].Path, Mutate(texts[target].Text, random));
        }

        return texts;
    }

    public static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        switch (random.Next(7))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[at]);
                break;
            case 2:
                lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                break;
            case 3:
                var chars = lines[at].ToCharArray();
                for (var k = 0; k < chars.Length; k += random.Next(1, 5))
                {
                    chars[k] = (char)random.Next(1, 0x3000);
                }

                lines[at] = new string(chars);
                break;
            case 4:
                return text[..random.Next(text.Length + 1)];
            case 5:
                lines[at] = Shift(lines[at], random);
                break;
            default:
                var bytes = Encoding.UTF8.GetBytes(text);
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return Encoding.UTF8.GetString(bytes);
        }

        return string.Join('\n', lines);
    }

    /// <summary>One to four spaces more or fewer at the start of the line, or a tab.</summary>
    private static string Shift(string line, Random random)
    {
        var by = random.Next(1, 5);
        return random.Next(3) switch
        {
            0 => new string(' ', by) + line,
            1 => line[Math.Min(by, line.Length - line.TrimStart(' ').Length)..],
            _ => "\t" + line,
        };
    }
}

using OpMock.Core.Docs;
using OpMock.Core.Lint;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.Docs;

/// <summary>
/// The shipped docs, damaged at random (lines deleted, duplicated, truncated, bytes garbled): reading,
/// resolving, building schemas and linting never throw; what is wrong comes back as findings.
/// </summary>
public sealed class DocMutationTests
{
    private const int Cases = 3000;

    private static readonly (string Path, string Text)[] Shipped = [.. Directory
        .EnumerateFiles(Repo.Docs, "*.txt", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => (Path.GetRelativePath(Repo.Docs, f).Replace('\\', '/'), File.ReadAllText(f)))];

    [Fact]
    public async Task Load_RandomlyMutatedDocs_NeverThrowAndReportFindings()
    {
        var random = new Random(20261122);
        var withFindings = 0;
        for (var i = 0; i < Cases; i++)
        {
            // Given the shipped docs with one to three random mutations in one of them
            var texts = Shipped.ToArray();
            var target = random.Next(texts.Length);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                texts[target] = (texts[target].Path, Mutate(texts[target].Text, random));
            }

            // When they are read, resolved and turned into schemas (and every 50th linted)
            var contract = ApiContract.Build(DocSet.FromTexts("docs", texts), []);
            _ = contract.Files();
            if (i % 50 == 0)
            {
                _ = await Linter.LintAsync(contract);
            }

            // Then nothing threw, and every finding points into a file that exists
            contract.Findings.ShouldAllBe(f => texts.Any(t => t.Path == f.File) && f.Line >= 0);
            withFindings += contract.Findings.Length > 1 ? 1 : 0;
        }

        // The shipped docs have one warning; most damage must be noticed.
        withFindings.ShouldBeGreaterThan(Cases / 3);
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        switch (random.Next(6))
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
            default:
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return System.Text.Encoding.UTF8.GetString(bytes);
        }

        return string.Join('\n', lines);
    }
}

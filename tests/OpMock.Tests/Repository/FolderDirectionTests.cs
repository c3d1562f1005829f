using System.Text.RegularExpressions;
using OpMock.Tests.Support;

namespace OpMock.Tests.Repository;

/// <summary>
/// The folders read as the pipeline (docs → schemas → world → server, validation, console and CLI on top): a folder
/// below never names one built on it, so a file's folder says what it may touch.
/// </summary>
public sealed partial class FolderDirectionTests
{
    [Theory]
    [InlineData("Server", "Console")]
    [InlineData("Validation", "Server")]
    [InlineData("World", "Server")]
    [InlineData("World", "Console")]
    [InlineData("Docs", "World")]
    [InlineData("Schemas", "Server")]
    public void Sources_FolderBelow_NeverNamesTheFolderBuiltOnIt(string below, string above)
    {
        var folder = Path.Combine(Repo.Root, "src", "OpMock.Core", below);
        var naming = new Regex($@"\bOpMock\.Core\.{above}\b|(?<![\w.]){above}\.[A-Z]\w*");

        var found = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && naming.IsMatch(Code(l.line)))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.file)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        found.ShouldBeEmpty($"{below} names {above}");
    }

    // System.Console and ASP.NET Core's Hosting.Server are not OpMock's folders; comments and strings say nothing.
    private static string Code(string line) => Strings().Replace(line.Replace("System.Console", "", StringComparison.Ordinal)
        .Replace("Hosting.Server", "", StringComparison.Ordinal), "\"\"");

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|///.*$|//.*$")]
    private static partial Regex Strings();
}

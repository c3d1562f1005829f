using System.Text.RegularExpressions;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Tests.Support;

namespace OpMock.Tests.Fixtures;

/// <summary>
/// The shipped fixtures, damaged at random (see <see cref="Mutations"/>): the loader either reads them or
/// fails with its own <see cref="InvalidInputException"/>, every line of which names file:line.
/// </summary>
public sealed partial class FixtureMutationTests
{
    private const int Cases = 3000;

    private static readonly (string Path, string Text)[] Shipped = Mutations.Shipped(Repo.Fixtures, "*.yaml", "fixtures/");

    [Fact]
    public void Parse_RandomlyMutatedFixtures_FailOnlyWithFileAndLineFindings()
    {
        var random = new Random(20261122);
        var failed = 0;
        for (var i = 0; i < Cases; i++)
        {
            // Given the shipped fixtures with one to three random mutations in one of them
            var texts = Mutations.Damage(Shipped, random);

            // When they are loaded
            var error = Record.Exception(() => FixtureLoader.Parse(texts));

            // Then they load, or the loader's own error says where, on every line of its message
            if (error is null)
            {
                continue;
            }

            failed++;
            var invalid = error.ShouldBeOfType<InvalidInputException>(Show(texts, error));
            invalid.Findings.ShouldNotBeEmpty();
            invalid.Findings.ShouldAllBe(f => texts.Any(t => t.Path == f.File) && f.Line >= 1, Show(texts, error));
            invalid.Message.Split(Environment.NewLine).ShouldAllBe(l => FileAndLine().IsMatch(l), Show(texts, error));
        }

        // Many mutations are harmless (a comment cut short); a good share must still be noticed.
        failed.ShouldBeGreaterThan(Cases / 4);
    }

    /// <summary>On failure, the damaged file and what came out of it, so the case can be replayed by hand.</summary>
    private static string Show((string Path, string Text)[] texts, Exception error) =>
        $"{error}\n--- damaged fixtures ---\n{string.Join("\n---\n", texts.Where(t => !Shipped.Contains(t)).Select(t => $"{t.Path}:\n{t.Text}"))}";

    [GeneratedRegex(@"^fixtures/[\w.-]+\.yaml:[1-9][0-9]*: error: \S")]
    private static partial Regex FileAndLine();
}

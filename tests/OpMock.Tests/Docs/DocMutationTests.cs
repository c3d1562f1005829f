using OpMock.Core.Docs;
using OpMock.Core.Lint;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.Docs;

/// <summary>
/// The shipped docs, damaged at random (see <see cref="Mutations"/>): reading,
/// resolving, building schemas and linting never throw; what is wrong comes back as findings.
/// </summary>
public sealed class DocMutationTests
{
    private const int Cases = 3000;

    private static readonly (string Path, string Text)[] Shipped = Mutations.Shipped(TestDocs.Base, "*.txt");

    [Fact]
    public async Task Load_RandomlyMutatedDocs_NeverThrowAndReportFindings()
    {
        var random = new Random(20261122);
        var withFindings = 0;
        for (var i = 0; i < Cases; i++)
        {
            // Given the shipped docs with one to three random mutations in one of them
            var texts = Mutations.Damage(Shipped, random);

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
}

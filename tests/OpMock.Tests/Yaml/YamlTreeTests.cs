using OpMock.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace OpMock.Tests.Yaml;

public sealed class YamlTreeTests
{
    private const string Laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";

    [Theory]
    [InlineData("a: &a {b: [1, *a]}\n", 1, "`*a` is inside the node it names: a cycle")]
    [InlineData(Laughs, 5, "aliases here expand to more than 100,000 values")]
    [InlineData("a: 1\n---\nb: 2\n", 2, "a second YAML document")]
    [InlineData("a: {b: 1, c: 2\nd:\n  e: 3\n", 1, "the `{` on this line is never closed")]
    [InlineData("a: [1\n", 2, "not valid YAML")]
    [InlineData("a:\n\tb: 1\n", 2, "invalid tab as indentation")]
    [InlineData("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13\nn: 14\no: 15\np: 16\nq: 17\nr: 18\ns:\n\tt: 20\n", 20, "tab")]
    [InlineData("a: 1\nb:\n  c: 1\n\td: 2\n", 4, "tab")]
    [InlineData("a: 1\nb: [1, 2\nc: 3\n", 2, "not valid YAML")]
    public void Read_BrokenYaml_GivesOneFindingAtTheLine(string yaml, int line, string message)
    {
        // When broken YAML is read
        var root = YamlTree.Read("f.yaml", yaml, out var error);

        // Then there is no tree, and one error names the file, the line and the problem
        root.ShouldBeNull();
        error.ShouldNotBeNull().ToString().ShouldStartWith($"f.yaml:{line}: error: ");
        error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    [InlineData(100_000, false)]
    public void Read_Nesting_IsLimitedTo64Levels(int depth, bool read)
    {
        // Given a list nested `depth` levels deep
        var yaml = new string('[', depth) + new string(']', depth) + "\n";

        // When it is read, then up to the limit it is a tree, past it an error at its line
        var root = YamlTree.Read("f.yaml", yaml, out var error);
        (root is YamlSequenceNode).ShouldBe(read);
        error?.ToString().ShouldBe("f.yaml:1: error: nested more than 64 levels deep");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Read_EmptyFile_IsNoTreeAndNoError(string yaml)
    {
        YamlTree.Read("f.yaml", yaml, out var error).ShouldBeNull();
        error.ShouldBeNull();
    }

    [Fact]
    public void Read_AliasesWithinTheLimit_AreExpanded()
    {
        // Given an anchor used twice, as fixtures may share data
        var root = YamlTree.Read("f.yaml", "a: &a {x: 1}\nb: *a\nc: *a\n", out var error);

        // Then the tree reads, the aliases pointing at the anchored node
        error.ShouldBeNull();
        ((YamlMappingNode)root!).Children.Count.ShouldBe(3);
    }
}

using OpMock.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Yaml;

/// <summary>
/// Reads a YAML file (fixtures, overrides) as one document whose nodes keep their lines, or says where it
/// is broken: whatever the text, the answer is a tree or one file:line finding, never an exception.
/// </summary>
internal static class YamlTree
{
    /// <returns>The root node; null when the file is empty, or broken (then <paramref name="error"/> says where).</returns>
    public static YamlNode? Read(string file, string text, out Finding? error)
    {
        error = null;
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var stream = new YamlStream();
        try
        {
            // The limits are checked on the event stream first: the tree loader would overflow the stack on them.
            if (YamlLimits.Check(new Parser(scanner)) is { } beyond)
            {
                error = At(file, beyond.Line, beyond.Message);
                return null;
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            error = At(file, (int)e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way, without a position, on some broken flow collections
            // (`delay: {min: 800, max: 1500` left open before more keys); where it stopped is the place to look.
            error = At(file, (int)scanner.CurrentPosition.Line,
                "not valid YAML: cannot read on from here; look for an unclosed `{`, `[` or quote on this line or above");
            return null;
        }

        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : stream.Documents[0].RootNode;
    }

    private static Finding At(string file, int line, string message) => new(file, Math.Max(1, line), Severity.Error, message);
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpMock.Core.Yaml;

/// <summary>
/// Checks YAML as a stream of parser events before it is loaded as a tree, for what would
/// otherwise crash the process or exhaust it rather than fail with a line: nesting deep enough to overflow
/// the stack of a recursive loader, an alias inside the node it names (a cycle, which has no JSON form),
/// and aliases that expand to an enormous tree ("billion laughs"). The event parser is not recursive.
/// </summary>
internal static class YamlLimits
{
    public const int MaxDepth = 64;

    public const long MaxNodes = 100_000;

    /// <returns>Null when within the limits; otherwise the line and the problem. YAML syntax errors throw as the parser's do.</returns>
    public static (int Line, string Message)? Check(IParser parser)
    {
        // One entry per open collection: its anchor, and how many nodes it holds so far, aliases expanded.
        var open = new List<(AnchorName Anchor, long Nodes)>();
        var sizes = new Dictionary<AnchorName, long>();
        long total = 0;
        var documents = 0;

        // Bounded by the text: every event consumes some of it.
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = (int)current.Start.Line;
            long added;
            switch (current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        return (line, "a second YAML document (after `---`): a fixture file holds one; start another file instead");
                    }

                    continue;
                case SequenceStart or MappingStart:
                    if (open.Count >= MaxDepth)
                    {
                        return (line, $"nested more than {MaxDepth} levels deep");
                    }

                    open.Add((((NodeEvent)current).Anchor, 1));
                    continue;
                case SequenceEnd or MappingEnd:
                    var closed = open[^1];
                    open.RemoveAt(open.Count - 1);
                    Remember(sizes, closed.Anchor, closed.Nodes);
                    added = closed.Nodes;
                    break;
                case AnchorAlias alias:
                    if (open.Any(o => o.Anchor == alias.Value))
                    {
                        return (line, $"the alias `*{alias.Value}` is inside the node it names: a cycle, which JSON cannot hold");
                    }

                    added = sizes.GetValueOrDefault(alias.Value, 1);
                    break;
                case Scalar scalar:
                    Remember(sizes, scalar.Anchor, 1);
                    added = 1;
                    break;
                default:
                    continue;
            }

            long count;
            if (open.Count == 0)
            {
                count = total += added;
            }
            else
            {
                open[^1] = (open[^1].Anchor, open[^1].Nodes + added);
                count = open[^1].Nodes;
            }

            if (count > MaxNodes)
            {
                return (line, $"aliases here expand to more than {MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} values");
            }
        }

        return null;
    }

    private static void Remember(Dictionary<AnchorName, long> sizes, AnchorName anchor, long nodes)
    {
        if (!anchor.IsEmpty)
        {
            sizes[anchor] = nodes;
        }
    }
}

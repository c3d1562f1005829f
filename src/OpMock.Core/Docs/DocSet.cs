using System.Collections.Immutable;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Docs;

/// <summary>
/// A docs folder laid out as the wiki lays it out (get-op-api/2.36.txt), read and resolved.
/// A doc that cannot be read is left out with findings; the others are still served.
/// </summary>
internal sealed record DocSet(string Root, ImmutableArray<string> Files, ImmutableArray<ApiDoc> Docs, ImmutableArray<Endpoint> Endpoints, ImmutableArray<Finding> Findings)
{
    private static readonly string[] Extensions = [".txt", ".md"];

    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public Endpoint? Direct(string route) =>
        Endpoints.FirstOrDefault(e => !e.IsTransfer && string.Equals(e.Route, route, StringComparison.OrdinalIgnoreCase));

    public static async Task<DocSet> LoadAsync(string root, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            throw new OpMockException($"docs folder not found: {root}");
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var texts = new List<(string Path, string Text)>();
        var findings = new List<Finding>();
        foreach (var file in files)
        {
            if (await InputFile.ReadTextAsync(Path.Combine(root, file), file, findings, cancellationToken) is { } text)
            {
                texts.Add((file, text));
            }
        }

        return FromTexts(root, texts, findings);
    }

    /// <summary>Builds a set from texts already in memory (tests, and docs packed inside the tool).</summary>
    public static DocSet FromTexts(string root, IEnumerable<(string Path, string Text)> texts, IEnumerable<Finding>? earlier = null)
    {
        var findings = new List<Finding>(earlier ?? []);
        var files = new List<string>();
        var docs = new List<ApiDoc>();
        foreach (var (path, text) in texts)
        {
            files.Add(path);
            var (doc, docFindings) = DocParser.Parse(path, text);
            findings.AddRange(docFindings);
            if (doc is not null)
            {
                docs.Add(doc);
            }
        }

        ReportDuplicateRoutes(docs, findings);
        var endpoints = new ReferenceResolver(docs, findings).Resolve();
        return new DocSet(root, [.. files], [.. docs], endpoints, [.. findings]);
    }

    private static void ReportDuplicateRoutes(List<ApiDoc> docs, List<Finding> findings)
    {
        var direct = docs.Where(d => !string.Equals(d.Route, Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase));
        foreach (var group in direct.GroupBy(d => d.Route, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var later in group.Skip(1))
            {
                findings.Add(new Finding(later.Path, 1, Severity.Warning,
                    $"route {group.Key} is documented again; {group.First().Path} is the one served"));
            }
        }
    }
}

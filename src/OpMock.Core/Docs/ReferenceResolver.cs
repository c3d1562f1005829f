using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Json;

namespace OpMock.Core.Docs;

/// <summary>
/// Turns parsed docs into endpoints: follows response links across the docs tree and points every
/// object or list field at the section that describes it. References are matched exactly, then
/// ignoring case, then to the closest section name (2.36 writes `Channle` for `#Channel`).
/// </summary>
internal sealed class ReferenceResolver(IReadOnlyList<ApiDoc> docs, List<Finding> findings)
{
    private const int MaxLinkDepth = 8;
    private readonly Dictionary<string, (ImmutableArray<DocField> Output, ImmutableArray<DocSection> Sections)> resolved = [];

    public ImmutableArray<Endpoint> Resolve()
    {
        var endpoints = ImmutableArray.CreateBuilder<Endpoint>();
        foreach (var doc in docs)
        {
            var source = FollowLinks(doc);
            if (source is null)
            {
                continue;
            }

            var (output, sections) = ResolveTables(source);
            var input = doc.Input.Select(f => Point(f, doc.Path, doc.Sections)).ToImmutableArray();
            var endpoint = new Endpoint(doc, input, output, sections, source.Id);
            endpoints.Add(endpoint with { TransferTarget = endpoint.IsTransfer ? TransferTarget(doc, source) : null });
        }

        return endpoints.ToImmutable();
    }

    private ApiDoc? FollowLinks(ApiDoc doc)
    {
        var current = doc;
        for (var depth = 0; current.ResponseLink is { } link && current.Output.IsEmpty; depth++)
        {
            var target = FindDoc(current, link.Target);
            if (target is null)
            {
                findings.Add(new Finding(current.Path, link.Line, Severity.Error,
                    $"the response links to `{link.Target}`, which is not in the docs folder"));
                return null;
            }

            if (depth == MaxLinkDepth || target == doc)
            {
                findings.Add(new Finding(doc.Path, link.Line, Severity.Error, $"response links go round in a circle through `{link.Target}`"));
                return null;
            }

            current = target;
        }

        return current;
    }

    /// <summary>/markdown/get-op-api/2.36.txt is the wiki's address for get-op-api/2.36.txt.</summary>
    private ApiDoc? FindDoc(ApiDoc from, string target)
    {
        var path = target.Split('#', '?')[0];
        path = path.StartsWith("/markdown/", StringComparison.OrdinalIgnoreCase) ? path["/markdown/".Length..]
            : path.StartsWith('/') ? path[1..]
            : Path.Combine(Path.GetDirectoryName(from.Path) ?? "", path).Replace('\\', '/');
        var id = Path.ChangeExtension(path, null);
        return docs.FirstOrDefault(d => string.Equals(d.Path, path, StringComparison.OrdinalIgnoreCase))
            ?? docs.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    private (ImmutableArray<DocField>, ImmutableArray<DocSection>) ResolveTables(ApiDoc source)
    {
        if (resolved.TryGetValue(source.Path, out var done))
        {
            return done;
        }

        var output = source.Output.Select(f => Point(f, source.Path, source.Sections)).ToImmutableArray();
        var sections = source.Sections
            .Select(s => s with { Fields = [.. s.Fields.Select(f => Point(f, source.Path, source.Sections))] })
            .ToImmutableArray();
        ReportUnused(source, output.Concat(sections.SelectMany(s => s.Fields)).Concat(source.Input));
        resolved[source.Path] = (output, sections);
        return (output, sections);
    }

    private DocField Point(DocField field, string file, ImmutableArray<DocSection> sections)
    {
        var fromType = field.Type.Section ?? field.Type.Item?.Section;
        var named = fromType ?? field.Reference;
        var takesSection = field.Type.Kind is FieldKind.Object or FieldKind.Map
            || (field.Type.Kind == FieldKind.List && field.Type.Item?.Kind is null or FieldKind.Object or FieldKind.Map);
        if (named is null || !takesSection)
        {
            return field;
        }

        var section = sections.FirstOrDefault(s => s.Name == named)
            ?? sections.FirstOrDefault(s => string.Equals(s.Name, named, StringComparison.OrdinalIgnoreCase));
        if (section is not null)
        {
            return field with { Target = section.Name };
        }

        // A name in the type cell that is no section is an unknown type (`Strin`), not a reference to guess at.
        if (fromType is not null)
        {
            findings.Add(new Finding(file, field.Line, Severity.Error,
                $"field `{field.Name}` has an unknown type `{field.Type.Raw.Trim()}`: neither a type nor a section of this doc"));
            return field with { Type = new FieldType(FieldKind.Unknown, field.Type.Raw) };
        }

        section = Closest(sections, named);
        findings.Add(section is null
            ? new Finding(file, field.Line, Severity.Error,
                $"field `{field.Name}` refers to `{named}`, but no section has that name" + Known(sections))
            : new Finding(file, field.Line, Severity.Warning,
                $"field `{field.Name}` refers to `{named}`, which is misspelled; using the closest section, `{section.Name}`"));
        return section is null ? field : field with { Target = section.Name };
    }

    private static DocSection? Closest(ImmutableArray<DocSection> sections, string named) => sections
        .Select(s => (Section: s, Distance: EditDistance.Between(s.Name, named)))
        .Where(c => c.Distance <= Math.Max(1, named.Length / 3))
        .OrderBy(c => c.Distance)
        .FirstOrDefault().Section;

    private static string Known(ImmutableArray<DocSection> sections) =>
        sections.IsEmpty ? " (the doc has no sections)" : $" (sections: {string.Join(", ", sections.Select(s => s.Name))})";

    private void ReportUnused(ApiDoc doc, IEnumerable<DocField> fields)
    {
        var used = fields.Select(f => f.Target).ToHashSet();
        foreach (var section in doc.Sections.Where(s => !used.Contains(s.Name)))
        {
            findings.Add(new Finding(doc.Path, section.Line, Severity.Warning, $"section `{section.Name}` is not referred to by any field"));
        }
    }

    private string? TransferTarget(ApiDoc doc, ApiDoc source)
    {
        if (source != doc && !string.Equals(source.Route, Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase))
        {
            return source.Route;
        }

        if (doc.Sample?.Body is { } body && ReadReqUrl(body.Text) is { } reqUrl)
        {
            return reqUrl;
        }

        findings.Add(new Finding(doc.Path, 1, Severity.Warning,
            "transfer doc names no direct route: link its response to a direct doc or give reqUrl in the sample body"));
        return null;
    }

    private static string? ReadReqUrl(string json) =>
        OpJson.TryParse(json, out _, out _) is JsonObject body && body["reqUrl"] is JsonValue value
            && value.TryGetValue<string>(out var text) ? text : null;
}

using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Core.Schemas;

/// <summary>Applies the decisions of overrides.yaml to the endpoints whose response a doc defines.</summary>
internal static class OverrideApplier
{
    public static ImmutableArray<Endpoint> Apply(
        ImmutableArray<Endpoint> endpoints, ImmutableArray<FieldOverride> overrides, ISet<string> unreadDocs, List<Finding> findings)
    {
        var result = endpoints;
        foreach (var decision in overrides)
        {
            var users = result.Where(e => string.Equals(e.ResponseSource, decision.Doc, StringComparison.OrdinalIgnoreCase)).ToList();
            if (users.Count == 0 && unreadDocs.Contains(decision.Doc))
            {
                // The doc failed to read and already says why; a second error here would only be noise.
                continue;
            }

            if (users.Count == 0)
            {
                findings.Add(new Finding(decision.File, decision.Line, Severity.Error, $"no doc `{decision.Doc}` defines a response to override"));
                continue;
            }

            var changed = Locate(users[0], decision, findings) is { } place ? place : default;
            if (changed.Field is null)
            {
                continue;
            }

            var replacement = Change(changed.Field, decision, findings);
            result = [.. result.Select(e => users.Contains(e) ? Replace(e, changed.Section, replacement) : e)];
        }

        return result;
    }

    /// <summary>Walks a path such as chats[].createTime: the field, and the section it is in (null for data itself).</summary>
    private static (string? Section, DocField? Field)? Locate(Endpoint endpoint, FieldOverride decision, List<Finding> findings)
    {
        string? section = null;
        var fields = endpoint.Output;
        var segments = decision.Path.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("[]", "")).ToArray();
        for (var i = 0; i < segments.Length; i++)
        {
            var field = fields.FirstOrDefault(f => f.Name == segments[i]);
            if (field is null)
            {
                findings.Add(new Finding(decision.File, decision.Line, Severity.Error,
                    $"`{decision.Doc}` documents no field `{string.Join('.', segments[..(i + 1)])}`"));
                return null;
            }

            if (i == segments.Length - 1)
            {
                return (section, field);
            }

            section = field.Target;
            fields = endpoint.Section(section)?.Fields ?? [];
        }

        findings.Add(new Finding(decision.File, decision.Line, Severity.Error, "an override needs a field path"));
        return null;
    }

    private static DocField Change(DocField field, FieldOverride decision, List<Finding> findings)
    {
        var changed = field with
        {
            Required = decision.Required ?? field.Required,
            Nullable = decision.Nullable ?? field.Nullable,
        };
        if (decision.Type is { } type)
        {
            var read = TypeReader.Read(type);
            if (read.Kind == FieldKind.Unknown || read.Section is not null || read.Item?.Section is not null)
            {
                findings.Add(new Finding(decision.File, decision.Line, Severity.Error, $"unknown type `{type}` for `{decision.Path}`"));
            }
            else
            {
                // A new type drops a format that only suited the old one, unless the decision names one.
                // Hints are typed by the field's type: read them again for the decided one.
                var hints = HintReader.Read(read, [field.Description, field.Remark]);
                findings.AddRange(hints.Problems.Select(p => new Finding(decision.File, decision.Line, Severity.Warning, $"`{decision.Path}` as {type}: {p}")));
                changed = changed with { Type = read, Format = null, Hints = hints.Hints };
            }
        }

        if (decision.Format is { } format)
        {
            if (HouseFormats.ByName(format) is null)
            {
                findings.Add(new Finding(decision.File, decision.Line, Severity.Error,
                    $"unknown format `{format}`; known: {string.Join(", ", HouseFormats.All.Select(f => f.Name))}"));
            }
            else
            {
                changed = changed with { Format = format };
            }
        }

        return changed;
    }

    private static Endpoint Replace(Endpoint endpoint, string? section, DocField field)
    {
        ImmutableArray<DocField> Swap(ImmutableArray<DocField> fields) => [.. fields.Select(f => f.Name == field.Name ? field : f)];

        return section is null
            ? endpoint with { Output = Swap(endpoint.Output) }
            : endpoint with { Sections = [.. endpoint.Sections.Select(s => s.Name == section ? s with { Fields = Swap(s.Fields) } : s)] };
    }
}

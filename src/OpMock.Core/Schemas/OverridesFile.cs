using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Schemas;

/// <summary>
/// Reads overrides.yaml:
/// <code>
/// get-op-api/2.36:            # doc id (path under the docs folder, no extension)
///   createTime:               # field path under data
///     type: Long
///     format: epoch-millis
///     reason: the example is a captured response, and the server sends epoch millis
/// </code>
/// The YAML representation model is used (not a deserializer) so every finding has its line.
/// </summary>
internal static class OverridesFile
{
    private static readonly string[] Keys = ["type", "format", "required", "nullable", "reason"];

    public static async Task<(ImmutableArray<FieldOverride> Overrides, ImmutableArray<Finding> Findings)> LoadAsync(
        string? path, CancellationToken cancellationToken = default)
    {
        if (path is null || !File.Exists(path))
        {
            return ([], []);
        }

        var unread = new List<Finding>();
        return await InputFile.ReadTextAsync(path, path, unread, cancellationToken) is { } text ? Parse(path, text) : ([], [.. unread]);
    }

    public static (ImmutableArray<FieldOverride> Overrides, ImmutableArray<Finding> Findings) Parse(string file, string text)
    {
        var findings = new List<Finding>();
        var overrides = new List<FieldOverride>();
        if (YamlTree.Read(file, text, out var broken) is not { } root)
        {
            return ([], broken is null ? [] : [broken]);
        }

        if (root is not YamlMappingNode docs)
        {
            return ([], [Expected(file, root, "a mapping of doc ids (get-op-api/2.36) to fields")]);
        }

        foreach (var (docKey, docValue) in docs.Children)
        {
            if (docValue is not YamlMappingNode fields)
            {
                findings.Add(Expected(file, docValue, $"a mapping of field paths under `{docKey}`"));
                continue;
            }

            foreach (var (fieldKey, fieldValue) in fields.Children)
            {
                if (ReadOne(file, Text(docKey), Text(fieldKey), fieldValue, findings) is { } one)
                {
                    overrides.Add(one);
                }
            }
        }

        return ([.. overrides], [.. findings]);
    }

    private static FieldOverride? ReadOne(string file, string doc, string path, YamlNode node, List<Finding> findings)
    {
        if (node is not YamlMappingNode settings)
        {
            findings.Add(Expected(file, node, $"settings (type, format, required, nullable, reason) for `{path}`"));
            return null;
        }

        var values = new Dictionary<string, string>();
        foreach (var (key, value) in settings.Children)
        {
            var name = Text(key);
            if (!Keys.Contains(name))
            {
                findings.Add(new Finding(file, Line(key), Severity.Error, $"unknown setting `{name}`; expected one of {string.Join(", ", Keys)}"));
                continue;
            }

            values[name] = Text(value);
        }

        var ok = true;
        bool? Flag(string key)
        {
            if (!values.TryGetValue(key, out var text))
            {
                return null;
            }

            if (bool.TryParse(text, out var flag))
            {
                return flag;
            }

            findings.Add(new Finding(file, Line(settings), Severity.Error, $"`{key}` of `{path}` must be true or false, found `{text}`"));
            ok = false;
            return null;
        }

        var required = Flag("required");
        var nullable = Flag("nullable");
        if (!values.TryGetValue("reason", out var reason) || reason.Trim().Length == 0)
        {
            findings.Add(new Finding(file, Line(settings), Severity.Error, $"the decision on `{doc}` `{path}` needs a one-line `reason`"));
            ok = false;
        }

        return ok
            ? new FieldOverride(doc, path, values.GetValueOrDefault("type"), values.GetValueOrDefault("format"),
                required, nullable, reason!.Trim(), file, Line(settings))
            : null;
    }

    private static string Text(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : node.ToString();

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static Finding Expected(string file, YamlNode node, string what) =>
        new(file, Line(node), Severity.Error, $"expected {what}");
}

using System.Text.Json;

namespace OpMock.Core.Server;

/// <summary>
/// One policy over every field of an admin body that reads a file or makes OpMock reach a host, on every
/// admin endpoint WireMock answers that takes one: stubs (`POST /__admin/mappings`, one or a batch; `PUT
/// /__admin/mappings/{guid}`), the wiremock.org import and settings (`PUT`/`POST /__admin/settings`). (The
/// request log, `/__admin/requests/find` included, is OpMock's own and reads no file.) The body is read as WireMock
/// reads it (<see cref="AdminFields"/>: its models, keys in any case) and, field by field:
/// <list type="bullet">
/// <item>files (<see cref="FieldUse.File"/> and the switches that read or write them) need
/// `--admin-allow-files`, and then only regular files inside <see cref="AdminFiles.Folder"/>, never a device,
/// a FIFO or a link leading out;</item>
/// <item>targets (proxy URLs, webhooks, HTTP proxies) on another host need `--admin-allow-proxy`, and a target
/// that is this server itself is refused whatever the flags: each request would call itself without end;</item>
/// <item>a key WireMock's models do not have, whose name or value looks like a file or a host, is refused
/// rather than guessed at (a key given twice never gets here: the pipeline refuses it first, JsonDuplicates);</item>
/// <item>any other key WireMock's models do not have (given a value) is refused with a 400 naming every such
/// key: WireMock would drop it and store the rest, a stub that never matches or matches everything (the Java
/// format's `method`, `bodyPatterns` and `status`, a wiremock.org import's `mappings` list).</item>
/// </list>
/// </summary>
internal sealed partial class AdminPolicy(MockServerOptions options, ListenAddress listen, Func<IReadOnlyCollection<int>> ports)
{
    private readonly AdminTargets targets = new(listen, ports, options.AllowAdminProxy);

    /// <summary>Where admin stubs may read files from.</summary>
    public AdminFiles Files { get; } = new(FilesRoot(options));

    /// <summary>WireMock's root folder (its files are `__admin/mappings` under it): the working directory unless set.</summary>
    public static string FilesRoot(MockServerOptions options) => options.AdminFilesRoot ?? Directory.GetCurrentDirectory();

    /// <summary>Why an admin body is refused, or null when it may go on to WireMock.</summary>
    public Refusal? Check(string method, string path, string? contentType, byte[] body)
    {
        var model = ModelOf(method, path);
        if (model is null && !RequestBody.IsJson(contentType))
        {
            // An endpoint that reads no model (a proto definition, an OpenAPI document in YAML): nothing to check.
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            // WireMock's reader takes comments, single quotes and bare names: what it reads must be what is checked.
            return new(400, $"the admin request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (model is null)
            {
                return null;
            }

            var root = document.RootElement;
            var unknown = new List<string>();
            var refusal = root.ValueKind == JsonValueKind.Array && model is AdminFields.Mapping or AdminFields.OrgMapping
                ? root.EnumerateArray().Select((item, i) => Walk(item, model, $"[{i}]", unknown)).FirstOrDefault(r => r is not null)
                : Walk(root, model, "", unknown);
            return refusal ?? (unknown.Count == 0 ? null : new(400,
                $"{string.Join(", ", unknown.Take(8).Select(k => $"`{MockEngine.Sample(k)}`"))}{(unknown.Count > 8 ? $" and {unknown.Count - 8} more" : "")} "
                + $"{(unknown.Count == 1 ? "is not a field" : "are not fields")} of WireMock.Net 2.21's {Describe(model)}: WireMock would drop "
                + $"{(unknown.Count == 1 ? "it" : "them")} and keep the rest, so nothing was stored. {Hint(model, unknown)}"));
        }
    }

    /// <summary>The model an endpoint reads its body as, or null for endpoints that read none.</summary>
    internal static string? ModelOf(string method, string path)
    {
        var trimmed = path.TrimEnd('/');
        bool Is(string suffix) => trimmed.Equals(AdminGuard.Prefix + suffix, StringComparison.OrdinalIgnoreCase);
        var put = method.Equals("PUT", StringComparison.OrdinalIgnoreCase);
        var post = method.Equals("POST", StringComparison.OrdinalIgnoreCase);
        return (put || post) && Is("/settings") ? AdminFields.Settings
            : post && Is("/mappings/wiremock.org") ? AdminFields.OrgMapping
            : (post && Is("/mappings")) || (put && OneMapping().IsMatch(trimmed)) ? AdminFields.Mapping
            : null;
    }

    /// <summary>`/__admin/mappings/{guid}`: WireMock's `PUT` replaces one stub (any one segment is checked, guid or not).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^/__admin/mappings/[^/]+$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OneMapping();

    private static string Describe(string model) => model switch
    {
        AdminFields.Settings => "settings (SettingsModel)",
        AdminFields.OrgMapping => "wiremock.org import (one mapping, or a list of them)",
        _ => "stubs (MappingModel)",
    };

    private static string Hint(string model, List<string> unknown) =>
        model == AdminFields.OrgMapping && unknown.Any(k => k.Equals("mappings", StringComparison.OrdinalIgnoreCase))
            ? "WireMock.Net imports one Java mapping, or a JSON list of them, per request; post the list itself, not {\"mappings\": [...]}."
            : model == AdminFields.Mapping
                ? "A stub in the Java WireMock format (`request.method`, `url`, `bodyPatterns`, `response.status`) goes to POST /__admin/mappings/wiremock.org; WireMock.Net's own format uses `Methods`, `Path`, `Body`, `StatusCode`."
                : "";

    private Refusal? Walk(JsonElement value, string model, string at, List<string> unknown)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Select((item, i) => Walk(item, model, $"{at}[{i}]", unknown)).FirstOrDefault(r => r is not null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            // A plain string where WireMock also takes a model (a request's Path); anything else WireMock refuses itself.
            return null;
        }

        var fields = AdminFields.Models[model];
        foreach (var property in value.EnumerateObject())
        {
            var name = Join(at, property.Name);
            var refusal = fields.TryGetValue(property.Name, out var field)
                ? Field(field, property.Value, name, unknown)
                : Unknown(property.Value, name, property.Name, unknown);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    private Refusal? Field(AdminField field, JsonElement value, string name, List<string> unknown)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        switch (field.Use)
        {
            case FieldUse.Nested:
                return Walk(value, field.Model!, name, unknown);
            case FieldUse.File when !string.IsNullOrEmpty(text):
                return options.AllowAdminFiles
                    ? Files.Problem(text) is { } problem ? new(403, $"`{name}` `{MockEngine.Sample(text)}` {problem}") : null
                    : new(403, $"`{name}` reads the file `{MockEngine.Sample(text)}`: admin stubs serve no files unless OpMock starts with --admin-allow-files (then only from {Files.Folder})");
            case FieldUse.FileSwitch when On(value) && !options.AllowAdminFiles:
                return new(403, $"`{name}` reads or writes files and is off in OpMock; start with --admin-allow-files to turn it on");
            case FieldUse.FileName when !string.IsNullOrEmpty(text):
                return !options.AllowAdminFiles
                    ? new(403, $"`{name}` names files WireMock writes; start with --admin-allow-files to turn it on")
                    : AdminFiles.NamePart(text) is { } wrong ? new(403, $"`{name}` `{MockEngine.Sample(text)}` {wrong}") : null;
            case FieldUse.Target or FieldUse.ProxyServer when text is not null:
                return targets.Problem(text, field.Use == FieldUse.ProxyServer) is { } why ? new(403, $"`{name}` `{MockEngine.Sample(text)}` {why}") : null;
            case FieldUse.Target or FieldUse.ProxyServer when value.ValueKind is not (JsonValueKind.Null or JsonValueKind.String):
                return new(400, $"`{name}` must be a URL (text), not {value.ValueKind.ToString().ToLowerInvariant()}");
            case FieldUse.Rewrite when value.ValueKind == JsonValueKind.Object:
                return Rewrite(value, name);
            default:
                return null;
        }
    }

    /// <summary>
    /// A replacement in the proxied URL (`OldValue` → `NewValue`) or a template over it: the target then
    /// depends on each request's path, so no check of the stub's URL says where it leads.
    /// </summary>
    private Refusal? Rewrite(JsonElement value, string name)
    {
        var given = value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length > 0).ToList();
        if (given.Select(p => p.Name).FirstOrDefault(n => n.Equals("TransformTemplate", StringComparison.OrdinalIgnoreCase)) is { } template)
        {
            return new(403, $"`{Join(name, template)}` computes the proxy target from each request with a template; OpMock cannot check where it leads, so it is refused");
        }

        return given.Count > 0 && !options.AllowAdminProxy
            ? new(403, $"`{name}` rewrites the proxy target for each request, so it may lead to another host; start with --admin-allow-proxy to allow it")
            : null;
    }

    private static Refusal? Unknown(JsonElement value, string name, string key, List<string> unknown)
    {
        if (value.ValueKind is JsonValueKind.Null)
        {
            // What clients serialising a whole model send for what they leave unset: nothing asked for.
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (AdminFields.LooksOutbound(key, text) && value.ValueKind != JsonValueKind.False && text is not "")
        {
            return new(403, $"`{MockEngine.Sample(name)}` is not a field of WireMock.Net 2.21's admin models, and it looks like it names a file, a folder or a host; OpMock refuses such fields rather than guess what they do");
        }

        unknown.Add(name);
        return null;
    }

    /// <summary>A switch is on unless null, false, 0 or empty: WireMock's reader turns "true" and 1 into true.</summary>
    private static bool On(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.String => value.GetString() is var s && s!.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s.Trim() != "0",
        JsonValueKind.Number => !(value.TryGetDouble(out var number) && number == 0),
        _ => true,
    };

    private static string Join(string at, string key) => at.Length == 0 ? key : $"{at}.{key}";
}

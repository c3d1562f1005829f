using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.Schemas;

/// <summary>An endpoint with its generated request and response schemas.</summary>
internal sealed record EndpointSchemas(Endpoint Endpoint, JsonObject Request, JsonObject Response)
{
    public string RequestFile => $"{Endpoint.Id}.request.schema.json";

    public string ResponseFile => $"{Endpoint.Id}.response.schema.json";
}

/// <summary>
/// The documented contract: docs read and resolved, the decisions of overrides.yaml applied, and the
/// schemas built. The schema files, the mock server and the validator all come from this one object,
/// so they cannot disagree.
/// </summary>
internal sealed record ApiContract(
    DocSet Docs,
    ImmutableArray<EndpointSchemas> Endpoints,
    JsonObject Envelope,
    ImmutableArray<FieldOverride> Overrides,
    ImmutableArray<Finding> Findings)
{
    public const string EnvelopeFile = "envelope.schema.json";

    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public EndpointSchemas? Direct(string route) =>
        Endpoints.FirstOrDefault(e => !e.Endpoint.IsTransfer && string.Equals(e.Endpoint.Route, route, StringComparison.OrdinalIgnoreCase));

    public static async Task<ApiContract> LoadAsync(string docsFolder, string? overridesFile, CancellationToken cancellationToken = default)
    {
        var docs = await DocSet.LoadAsync(docsFolder, cancellationToken);
        var (overrides, overrideFindings) = await OverridesFile.LoadAsync(overridesFile, cancellationToken);
        return Build(docs, overrides, overrideFindings);
    }

    public static ApiContract Build(DocSet docs, ImmutableArray<FieldOverride> overrides, ImmutableArray<Finding> overrideFindings = default)
    {
        var findings = new List<Finding>(docs.Findings);
        findings.AddRange(overrideFindings.IsDefault ? [] : overrideFindings);
        var unread = docs.Files.Select(f => Path.ChangeExtension(f, null)).Except(docs.Docs.Select(d => d.Id)).ToHashSet();
        var endpoints = OverrideApplier.Apply(docs.Endpoints, overrides, unread, findings);
        var envelope = SchemaBuilder.Envelope(EnvelopeInference.Infer(Examples(docs)));
        var schemas = endpoints.Select(e => new EndpointSchemas(e, SchemaBuilder.Request(e), SchemaBuilder.Response(e, envelope)));
        return new ApiContract(docs, [.. schemas], envelope, overrides, [.. findings]);
    }

    /// <summary>Every generated file by its path under the schemas folder, as it is written (LF, final newline).</summary>
    public ImmutableSortedDictionary<string, string> Files()
    {
        var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        files[EnvelopeFile] = OpJson.ToFileText(Envelope);
        foreach (var endpoint in Endpoints)
        {
            files[endpoint.RequestFile] = OpJson.ToFileText(endpoint.Request);
            files[endpoint.ResponseFile] = OpJson.ToFileText(endpoint.Response);
        }

        return files.ToImmutable();
    }

    private static List<JsonObject> Examples(DocSet docs) =>
        [.. docs.Docs.Select(d => d.Example is { } e ? OpJson.TryParse(e.Text, out _, out _) as JsonObject : null).OfType<JsonObject>()];
}

using System.Text;
using Microsoft.OpenApi;
using OpMock.Core.Schemas;

namespace OpMock.Core.OpenApi;

/// <summary>
/// The contract as an OpenAPI 3.0 document, so Swagger UI, Prism and client generators can use the docs.
/// It is built from the same schemas the server and the validator use.
/// </summary>
internal static class OpenApiExport
{
    /// <param name="scenarios">The fixtures' scenarios the server is started with, for the scenario header's values.</param>
    public static OpenApiDocument Build(ApiContract contract, MockServers? servers = null, IReadOnlyCollection<Fixtures.Scenario>? scenarios = null) =>
        DocumentBuilder.Build(contract, servers ?? new MockServers(), scenarios);

    /// <summary>
    /// OpenAPI 3.0 JSON as OpMock writes every file: Chinese as UTF-8 text, LF, final newline. The writer
    /// prints keys in a fixed order and ours in insertion order, so the same docs give the same bytes.
    /// </summary>
    public static string ToJson(OpenApiDocument document)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        return text.ToString().ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    /// <summary>Writes through a temporary file in the same folder and a rename, so a reader never sees half a document.</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Path.GetRandomFileName()}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

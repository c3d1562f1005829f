using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Core.Json;

/// <summary>How OpMock writes JSON: Chinese stays UTF-8 text ("成功", not \u6210\u529F), as the real servers write it.</summary>
internal static class OpJson
{
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    /// <summary>Indented, LF, final newline: the form of every file OpMock generates, so diffs stay reviewable.</summary>
    public static string ToFileText(JsonNode node) => node.ToJsonString(Indented) + "\n";

    public static string ToCompactText(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>A caller's value as short text for a message (an error naming what was sent): it may be of any length.</summary>
    public static string Sample(object? value)
    {
        var text = value is JsonNode node ? ToCompactText(node) : value?.ToString() ?? "missing";
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    /// <summary>Parses JSON without throwing: a bad document becomes an error with its line.</summary>
    public static JsonNode? TryParse(string text, out string? error, out int line)
    {
        try
        {
            error = null;
            line = 0;
            // Duplicates are refused while parsing: JsonNode would otherwise fail later, on first use.
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            error = e.Message;
            line = (int)(e.LineNumber ?? 0) + 1;
            return null;
        }

    }
}

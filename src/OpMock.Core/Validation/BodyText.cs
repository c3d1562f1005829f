namespace OpMock.Core.Validation;

/// <summary>Says in a few words what a body that is not the expected JSON is, for one-line findings.</summary>
internal static class BodyText
{
    private const int SampleLength = 60;

    /// <summary>Reads after "the body is": empty, HTML or XML, not JSON, text, not JSON, or JSON.</summary>
    public static string Describe(string body)
    {
        var trimmed = body.TrimStart();
        return trimmed.Length == 0 ? "empty"
            : trimmed.StartsWith('<') ? "HTML or XML, not JSON"
            : trimmed[0] is '{' or '[' ? "JSON"
            : "text, not JSON";
    }

    /// <summary>The start of the body on one line, so a report shows what came back without dumping a page.</summary>
    public static string Sample(string body)
    {
        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())).Trim();
        return flat.Length == 0 ? "empty" : flat.Length > SampleLength ? flat[..SampleLength] + "…" : flat;
    }
}

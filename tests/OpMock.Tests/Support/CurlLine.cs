using System.Text;
using System.Text.RegularExpressions;

namespace OpMock.Tests.Support;

/// <summary>
/// A curl line of a guide, read as a shell and curl read it: `$NAME` expanded (and split into words outside quotes),
/// quotes grouped, then curl's options. What the line's comment shows (`# {"code":200,…}`) is what it must get.
/// Only the options the guides use are read; any other is an error, so a guide cannot show a curl the test skips.
/// </summary>
internal sealed partial record CurlLine(HttpMethod Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, string Shown)
{
    /// <summary>curl's own Content-Type for `-d` when the line sets none.</summary>
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The `"name":value` pairs the line's comment shows, as the server writes them (compact JSON).</summary>
    public IReadOnlyList<string> ShownPairs => [.. ShownPair().Matches(Shown).Select(m => m.Value)];

    public static CurlLine Parse(string line, IReadOnlyDictionary<string, string> variables)
    {
        var (words, comment) = Words(line, variables);
        if (words.Count == 0 || words[0] != "curl")
        {
            throw new FormatException($"not a curl line: {line}");
        }

        string? method = null, url = null, body = null;
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            switch (word)
            {
                case "-s" or "-S" or "-sS" or "--silent" or "--show-error":
                    break;
                case "-X" or "--request":
                    method = words[++i];
                    break;
                case "-H" or "--header":
                    var header = words[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data" or "--data-raw" or "--data-binary":
                    body = words[++i];
                    break;
                default:
                    url = !word.StartsWith('-') && url is null ? word : throw new FormatException($"curl option `{word}` is not one the guides' test reads: {line}");
                    break;
            }
        }

        return new CurlLine(
            new HttpMethod(method ?? (body is null ? "GET" : "POST")),
            url ?? throw new FormatException($"curl line without a URL: {line}"),
            headers,
            body,
            comment);
    }

    public HttpRequestMessage ToRequest(string url)
    {
        var request = new HttpRequestMessage(Method, url);
        string? contentType = null;
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? FormContentType);
        }

        return request;
    }

    /// <summary>Shell words (quotes grouped, `$NAME` expanded; unquoted, its value splits into words) and the comment.</summary>
    private static (List<string> Words, string Comment) Words(string line, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '"')
            {
                var end = line.IndexOf('"', i + 1);
                word.Append(Expand(line[(i + 1)..end], variables));
                inWord = true;
                i = end;
            }
            else if (c == '$' && Variable().Match(line, i + 1) is { Success: true, Index: var at } name && at == i + 1)
            {
                var value = variables.TryGetValue(name.Value, out var v) ? v : throw new FormatException($"${name.Value} is not set before: {line}");
                var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var p = 0; p < parts.Length; p++)
                {
                    word.Append(parts[p]);
                    inWord = true;
                    if (p < parts.Length - 1)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                    }
                }

                i += name.Length;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (i + 1 < line.Length && line[i + 1] == '#')
                {
                    return (words, line[(i + 2)..].Trim());
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return (words, "");
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Regex.Replace(text, @"\$(?<name>[A-Za-z_][A-Za-z0-9_]*)", m => variables.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variable();

    /// <summary>`"name":"text"`, `"name":12`, `"name":true`, `"name":null` — a key with a whole scalar value (`"…"` elides one).</summary>
    [GeneratedRegex(@"""[^""]+"":(?:""(?:[^""\\…]|\\.)*""(?!…)|-?\d+(?:\.\d+)?|true|false|null)")]
    private static partial Regex ShownPair();
}

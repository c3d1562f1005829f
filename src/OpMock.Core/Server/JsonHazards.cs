using System.Text;
using System.Text.Json;

namespace OpMock.Core.Server;

/// <summary>
/// What a JSON body may hold that the OP servers (Java: UTF-16 strings, 64-bit longs) cannot: a lone
/// surrogate escape (`"\ud800"`) and an integer outside the 64-bit range. Both are valid JSON text, so the
/// parser accepts them, and both used to fail deep inside a response (500): they are named here instead.
/// </summary>
internal static class JsonHazards
{
    /// <summary>The first hazard as "field: problem", or null; a body that is not JSON is the parser's to report.</summary>
    public static string? Find(string body, out string field)
    {
        field = "$";
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { MaxDepth = 256 });
        var path = new List<string>();
        var indexes = new List<int>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Next(path, indexes);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? "[" : "");
                        indexes.Add(-1);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        indexes.RemoveAt(indexes.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        if (!Readable(ref reader))
                        {
                            field = Name(path, indexes);
                            return "a property name holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape)";
                        }

                        path[^1] = reader.GetString()!;
                        break;
                    case JsonTokenType.String:
                        Next(path, indexes);
                        if (!Readable(ref reader))
                        {
                            field = Name(path, indexes);
                            return "the text holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape), which is not Unicode text";
                        }

                        break;
                    case JsonTokenType.Number:
                        Next(path, indexes);
                        if (!reader.TryGetInt64(out _) && reader.ValueSpan.IndexOfAny(".eE"u8) < 0)
                        {
                            field = Name(path, indexes);
                            return $"the integer {MockEngine.Sample(Encoding.UTF8.GetString(reader.ValueSpan))} is outside the 64-bit range (-2^63 to 2^63-1)";
                        }

                        break;
                    default:
                        Next(path, indexes);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON, or deeper than the parser takes: the parser's own message says so.
        }

        return null;
    }

    private static bool Readable(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Array items are numbered as they come; an object's member takes the name read before it.
    private static void Next(List<string> path, List<int> indexes)
    {
        if (path.Count > 0 && path[^1] == "[")
        {
            indexes[^1]++;
        }
    }

    private static string Name(List<string> path, List<int> indexes)
    {
        var text = new StringBuilder("$");
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i] == "[")
            {
                text.Append('[').Append(Math.Max(indexes[i], 0)).Append(']');
            }
            else if (path[i].Length > 0)
            {
                text.Append('.').Append(MockEngine.Sample(path[i]));
            }
        }

        var name = text.ToString();
        return name.StartsWith("$.", StringComparison.Ordinal) ? name[2..] : name;
    }
}

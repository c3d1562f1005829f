using System.Text.Json;

namespace OpMock.Core.Server;

/// <summary>
/// A key given twice in one JSON object of an admin body (`{"MaxRequestLogCount": 10, "maxRequestLogCount": 1e9}`):
/// WireMock reads its models case-insensitively and either fails (a 500) or takes one of the two, so a bound
/// checked on one could be lifted by the other. Such a body is refused, naming the key.
/// </summary>
internal static class JsonDuplicates
{
    /// <summary>The first key given twice (any case) in an object, as `path.key`; null when none or when the body is not JSON.</summary>
    public static string? Find(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var scopes = new Stack<(string Path, HashSet<string>? Keys)>();
        try
        {
            var pending = "$";
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push((pending, new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push((pending + "[]", null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var (path, keys) = scopes.Peek();
                        var key = reader.GetString()!;
                        if (!keys!.Add(key))
                        {
                            return path == "$" ? key : $"{path[2..]}.{key}";
                        }

                        pending = path + "." + key;
                        continue;
                }

                if (scopes.Count > 0)
                {
                    pending = scopes.Peek().Path;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the admin guard says so, or the body is not meant as JSON.
        }
        catch (InvalidOperationException)
        {
            // A key that is not text (lone surrogate): the admin guard's parser says so.
        }

        return null;
    }
}

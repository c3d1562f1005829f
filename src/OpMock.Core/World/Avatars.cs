using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;

namespace OpMock.Core.World;

/// <summary>
/// The images the world shows — users' icons, apps' logos, any icon/avatar/logo/image field — are served by OpMock
/// itself at <c>/__opmock/avatars/{id}.svg</c> (an initial on a colour from the id), so a frontend working offline
/// shows every image. The world writes them as host-less paths; <see cref="Link"/> makes them URLs on the host the
/// request came to, the last step of an answer, so one world serves every host. An example's own image URL is kept.
/// </summary>
internal static class Avatars
{
    public const string Route = "/__opmock/avatars/";

    public const string Extension = ".svg";

    /// <summary>Ids are entity ids (u0001 + 32 hex), app logo names, or hex: 64 characters is plenty and bounds the work.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The image of a user who never uploaded one: one shared silhouette, as apps show.</summary>
    public const string DefaultId = "default";

    /// <summary>Where images are linked when nobody says which host the answer goes to (a world asked in process): the default direct port.</summary>
    public const string FallbackHost = "127.0.0.1:8080";

    /// <summary>Colours with enough contrast for a white initial; the id picks one, so an entity keeps its colour.</summary>
    private static readonly string[] Colours =
    [
        "#E53935", "#D81B60", "#8E24AA", "#5E35B1", "#3949AB", "#1E88E5", "#039BE5", "#00897B", "#43A047", "#7CB342", "#F4511E", "#6D4C41", "#546E7A", "#C62828",
    ];

    /// <summary>The host-less path of image <paramref name="id"/>, as entities hold it.</summary>
    public static string Path(string id) => Route + id + Extension;

    /// <summary>A user's icon: theirs (an initial of their name), or the shared default for the users who have none.</summary>
    public static string UserIcon(Randomizer random, string userId) => Path(random.Bool(0.3f) ? DefaultId : userId);

    /// <summary>An app's logo, named after the logo file its catalog entry has (635d69a8…_100.png → 635d69a8…_100).</summary>
    public static string Logo(Client client) => Path(LogoId(client));

    public static string LogoId(Client client) => System.IO.Path.GetFileNameWithoutExtension(client.Logo);

    /// <summary>An image of something that is no entity (a shop's logo, a picture): its own id.</summary>
    public static string Image(Randomizer random) => Path("i" + Convert.ToHexStringLower(random.Bytes(8)));

    /// <summary>Whether <paramref name="id"/> can name an image: 1 to 64 ASCII letters, digits, '-' or '_'.</summary>
    public static bool IsId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>http://{host}</c> for the request's host (a Host header value, <c>name:port</c>); the fallback for none or
    /// for anything else than host characters, so a URL in an answer can never carry a header's junk.
    /// </summary>
    public static string Base(string? host)
    {
        if (host is { Length: > 0 and <= 261 })
        {
            var ok = true;
            foreach (var c in host)
            {
                ok &= char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '[' or ']';
            }

            if (ok)
            {
                return "http://" + host;
            }
        }

        return "http://" + FallbackHost;
    }

    /// <summary>Makes every image path in <paramref name="node"/> (avatars, and the examples' images) a URL on <paramref name="baseUrl"/>, in place.</summary>
    public static void Link(JsonNode? node, string baseUrl)
    {
        switch (node)
        {
            case JsonObject map:
                for (var i = 0; i < map.Count; i++)
                {
                    var value = map.GetAt(i).Value;
                    if (Linked(value, baseUrl) is { } url)
                    {
                        map.SetAt(i, url);
                    }
                    else
                    {
                        Link(value, baseUrl);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (Linked(list[i], baseUrl) is { } url)
                    {
                        list[i] = url;
                    }
                    else
                    {
                        Link(list[i], baseUrl);
                    }
                }

                break;
        }
    }

    private static JsonValue? Linked(JsonNode? node, string baseUrl) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
        && value.GetValue<string>() is var text && (text.StartsWith(Route, StringComparison.Ordinal) || text.StartsWith(ExampleImages.Route, StringComparison.Ordinal))
            ? JsonValue.Create(baseUrl + text)
            : null;

    /// <summary>
    /// The image: the first character of <paramref name="name"/> (a Latin letter in upper case), else of the id, white on
    /// the id's colour; the default image is a grey silhouette. A few hundred bytes.
    /// </summary>
    public static string Svg(string id, string? name)
    {
        var colour = Colours[StableHash.Of(0, "avatar", id) % (ulong)Colours.Length];
        if (id == DefaultId)
        {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\" viewBox=\"0 0 100 100\">"
                + "<rect width=\"100\" height=\"100\" fill=\"#B0BEC5\"/><circle cx=\"50\" cy=\"38\" r=\"18\" fill=\"#fff\"/>"
                + "<path d=\"M16 92c2-20 17-32 34-32s32 12 34 32z\" fill=\"#fff\"/></svg>";
        }

        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\" viewBox=\"0 0 100 100\">"
            + $"<rect width=\"100\" height=\"100\" fill=\"{colour}\"/>"
            + "<text x=\"50\" y=\"50\" dy=\".35em\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"48\" "
            + "font-family=\"PingFang SC,Microsoft YaHei,Noto Sans CJK SC,sans-serif\">"
            + Escape(Initial(id, name)) + "</text></svg>";
    }

    /// <summary>The first character (a whole text element: a surrogate pair stays whole) of the name, else of the id.</summary>
    public static string Initial(string id, string? name)
    {
        var text = string.IsNullOrWhiteSpace(name) ? id : name.Trim();
        var first = text[..StringInfo.GetNextTextElementLength(text)];
        return first.Length == 1 && char.IsAsciiLetterLower(first[0]) ? first.ToUpperInvariant() : first;
    }

    /// <summary>A strong validator of the image's bytes, quoted as an ETag header is.</summary>
    public static string ETag(string svg) => "\"" + StableHash.Of(0, "svg", svg).ToString("x16", CultureInfo.InvariantCulture) + "\"";

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ when char.IsControl(c) => "",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}

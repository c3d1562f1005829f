using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Core.World;

/// <summary>
/// The images a doc's example shows (<c>http://7xo8pm…clouddn.com/cover/ac-clean-01.png</c>) are served by OpMock under
/// the same file name (<c>/__opmock/images/ac-clean-01.png</c>), so an answer never sends a browser off the machine: a
/// frontend working offline shows every image. An image is a URL whose path ends in an image file, or any URL in a
/// field named for an image (icon, avatar, logo, img, pic, photo, cover, thumb…; a link or a page URL is no image). The
/// world holds host-less paths; <see cref="Avatars.Link"/> names the request's host. A fixture's
/// <c>world.images: documented</c> keeps the examples' URLs.
/// </summary>
internal static class ExampleImages
{
    public const string Route = "/__opmock/images/";

    /// <summary>File names are kept to what a path and a log can carry safely; longer or odder names are hashed.</summary>
    public const int MaxNameLength = 100;

    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"];

    private static readonly string[] ImageWords = ["icon", "avatar", "logo", "image", "img", "pic", "photo", "cover", "thumb", "banner", "headimg"];

    /// <summary>A copy of <paramref name="node"/> with every image URL made a path OpMock serves.</summary>
    public static JsonNode? Offline(JsonNode? node)
    {
        var copy = node?.DeepClone();
        if (copy is not null)
        {
            Visit(copy, null);
        }

        return copy;
    }

    /// <summary>The path OpMock serves <paramref name="url"/>'s image at, or null when <paramref name="url"/> is no image URL.</summary>
    public static string? PathOf(string url, string? field)
    {
        // A URL is one word: a text with a space in it (a message quoting a link) is no image.
        if (url.Any(char.IsWhiteSpace) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var name = Uri.UnescapeDataString(uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..]);
        var extension = Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        var named = field is not null && ImageWords.Any(w => field.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (extension is null && !named)
        {
            return null;
        }

        // A name with no image extension (a CDN's content hash) is served as a PNG; an odd name by its hash.
        var file = extension is null ? name + ".png" : name;
        return Route + (IsName(file) ? file : StableHash.Of(0, "image", url).ToString("x16", CultureInfo.InvariantCulture) + (extension ?? ".png").ToLowerInvariant());
    }

    /// <summary>Whether <paramref name="file"/> can name a served image: letters, digits, '.', '-', '_' with an image extension, no leading dot.</summary>
    public static bool IsName(string file) =>
        file.Length is > 0 and <= MaxNameLength && file[0] != '.' && Extensions.Any(e => file.Length > e.Length && file.EndsWith(e, StringComparison.OrdinalIgnoreCase))
        && file.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static void Visit(JsonNode node, string? field)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    Replace(value, key);
                }

                break;
            case JsonArray list:
                foreach (var item in list.ToList())
                {
                    Replace(item, field);
                }

                break;
        }
    }

    private static void Replace(JsonNode? value, string? field)
    {
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            if (PathOf(text.GetValue<string>(), field) is { } path)
            {
                text.ReplaceWith(JsonValue.Create(path));
            }
        }
        else if (value is not null)
        {
            Visit(value, field);
        }
    }
}

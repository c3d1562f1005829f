using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.World;

namespace OpMock.Core.Server;

/// <summary>
/// One request's <see cref="Exchange"/> while it is being answered, held by its <see cref="RequestFeature"/>: the
/// stages say who answered and how, and <see cref="Build"/> reads the rest from the request and the response once
/// the answer is out.
/// </summary>
internal sealed class ExchangeDraft(HttpContext context, bool app, TimeProvider time)
{
    private readonly DateTimeOffset started = time.GetUtcNow();
    private readonly long timestamp = time.GetTimestamp();

    public byte[] RequestBody { get; set; } = [];

    public string Session { get; set; } = SessionName.Default;

    public string? Scenario { get; set; }

    public string AnsweredBy { get; set; } = "gate";

    public Guid? MappingGuid { get; set; }

    public string? MappingTitle { get; set; }

    /// <summary>The status sent, when the response itself does not say it (0: none, on purpose or not).</summary>
    public int? Status { get; set; }

    /// <summary>What a stub's answer carried (captured as it was sent); null for OpMock's own answers.</summary>
    public ResponseCapture? Captured { get; set; }

    /// <summary>OpMock's own answer's body.</summary>
    public byte[]? ReplyBody { get; set; }

    /// <param name="parsed">The body as the engine parsed it (<see cref="BodyMemo"/>), so its ids are not read again; null: read here.</param>
    public Exchange Build(JsonObject? parsed = null)
    {
        var request = context.Request;
        var response = context.Response;
        var aborted = context.RequestAborted.IsCancellationRequested;
        var status = Status ?? (aborted && !response.HasStarted ? 0 : response.StatusCode);
        var answer = Captured is { } captured ? captured.Kept : ReplyBody ?? [];
        var (reqUrl, ids) = Named(request, RequestBody, parsed, app);
        return new Exchange(
            Guid.NewGuid(),
            started,
            app,
            context.Connection.LocalPort,
            context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "",
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            reqUrl,
            Pairs(request.Headers),
            Kept(RequestBody),
            RequestBody.Length,
            status,
            status == 0 ? [] : Pairs(response.Headers),
            Kept(answer),
            Captured?.Size ?? answer.Length,
            time.GetElapsedTime(timestamp),
            Session,
            Scenario,
            ids,
            AnsweredBy,
            MappingGuid,
            MappingTitle);
    }

    private static ReadOnlyMemory<byte> Kept(byte[] body) => body.Length <= Server.RequestBody.LoggedBytes ? body : body.AsSpan(0, Server.RequestBody.LoggedBytes).ToArray();

    private static ImmutableArray<KeyValuePair<string, string>> Pairs(IHeaderDictionary headers)
    {
        var pairs = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                pairs.Add(KeyValuePair.Create(name, value ?? ""));
            }
        }

        return pairs.DrainToImmutable();
    }

    /// <summary>The transfer's reqUrl and the ids the request names (<see cref="WorldMap.Ids"/>: top-level body fields, then the query).</summary>
    private static (string? ReqUrl, ImmutableArray<KeyValuePair<string, string>> Ids) Named(HttpRequest request, byte[] body, JsonObject? parsed, bool app)
    {
        string? reqUrl = null;
        var ids = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        if (parsed is not null)
        {
            foreach (var (name, node) in parsed)
            {
                // A number keeps the text it was sent as (the parsed node writes its source bytes back).
                var value = node is JsonValue scalar ? scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>(),
                    JsonValueKind.Number => scalar.ToJsonString(),
                    _ => null,
                } : null;
                if (value is not null)
                {
                    Add(name, value);
                }
            }
        }
        else if (body.Length > 0 && body.Length <= Server.RequestBody.MaxBytes)
        {
            try
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
                while (reader.Read())
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                    {
                        continue;
                    }

                    var name = reader.GetString()!;
                    reader.Read();
                    var value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }

                    if (value is not null)
                    {
                        Add(name, value);
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                // Not JSON (or not all of it): the ids read before the break are what the request named.
            }
        }

        if (request.QueryString.HasValue)
        {
            foreach (var (name, values) in request.Query)
            {
                if (WorldMap.Ids.Any(i => i.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) && values.FirstOrDefault() is { } value)
                {
                    ids.Add(KeyValuePair.Create(name, value));
                }
            }
        }

        return (reqUrl, ids.ToImmutable());

        void Add(string name, string value)
        {
            if (app && name == TransferBody.ReqUrlField)
            {
                reqUrl = value;
            }
            else if (WorldMap.Ids.Any(i => i.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                ids.Add(KeyValuePair.Create(name, value));
            }
        }
    }
}

using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Reflection;
using System.Text;
using WireMock;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Core.Server;

/// <summary>
/// Keeps at most <see cref="RequestBody.LoggedBytes"/> of each body in WireMock's request log, whoever logged
/// the request (WireMock, or the fast path). WireMock keeps whole bodies as bytes, text and parsed JSON: 1000
/// requests of 1 MiB left 4.5 GB resident, and reading `/__admin/requests` took it to 9 GB.
/// </summary>
/// <remarks>
/// A cut body is marked: its text ends with <see cref="Marker"/> and the size it had, and the logged headers
/// gain <see cref="Header"/>. WireMock's RequestMessage copies its body into get-only properties; those are
/// set through their backing fields, looked up once (a test fails loudly if WireMock renames them).
/// </remarks>
internal static class LogBodies
{
    public const string Header = "X-OpMock-Body-Truncated";

    public const string Marker = "…[truncated by OpMock: the request log keeps the first 4096 bytes of ";

    private static readonly FieldInfo? BodyField = Backing("Body");
    private static readonly FieldInfo? BytesField = Backing("BodyAsBytes");

    /// <summary>Whether this WireMock.Net's request message is as expected (the pinned version's is).</summary>
    public static bool Supported => BodyField is not null && BytesField is not null;

    /// <summary>Trims every entry added to <paramref name="server"/>'s request log from now on.</summary>
    public static void Install(WireMockServer server)
    {
        if (WireMockLog.Entries(server) is not { } entries)
        {
            return;
        }

        entries.CollectionChanged += (_, change) =>
        {
            if (change.Action == NotifyCollectionChangedAction.Add && change.NewItems is { } added)
            {
                foreach (var entry in added.OfType<LogEntry>())
                {
                    Trim(entry.RequestMessage);
                }
            }
        };
    }

    /// <summary>Cuts one logged request's body to the bound; a body within it is left as it is.</summary>
    public static void Trim(IRequestMessage? message)
    {
        if (message is not RequestMessage request || request.BodyData is not BodyData data)
        {
            return;
        }

        var size = data.BodyAsBytes?.Length ?? (data.BodyAsString is { } s ? Encoding.UTF8.GetByteCount(s) : 0);
        if (size <= RequestBody.LoggedBytes)
        {
            return;
        }

        var bytes = data.BodyAsBytes ?? Encoding.UTF8.GetBytes(data.BodyAsString ?? "");
        var kept = bytes.AsSpan(0, RequestBody.LoggedBytes).ToArray();
        var text = Encoding.UTF8.GetString(kept) + Marker + size + " bytes]";
        data.BodyAsBytes = kept;
        data.BodyAsString = text;
        data.BodyAsJson = null;
        data.Encoding = Encoding.UTF8;
        data.DetectedBodyType = WireMock.Types.BodyType.String;
        request.BodyAsJson = null;
        BodyField?.SetValue(request, text);
        BytesField?.SetValue(request, kept);
        if (request.Headers is { } headers)
        {
            headers[Header] = new WireMockList<string>(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static FieldInfo? Backing(string property) =>
        typeof(RequestMessage).GetField($"<{property}>k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance);
}

using System.Globalization;
using System.Text;

namespace OpMock.Core.World.State;

/// <summary>
/// Session state counted in bytes, not only in records: a page can write a 1 MB message into each of thousands of
/// sessions, so counts alone let state take gigabytes. A change costs what its text holds in memory — in the store
/// (two bytes a character, as .NET strings do) and in the session's overlay the server reads it through (its UTF-8
/// bytes, as parsed JSON keeps them) — plus a fixed share for the entries that hold it. Counting the store's copy
/// alone let the process hold 2.5 times the budget (bench/flood.sh state). A store checks a write's cost
/// against the session's budget and the budget of all sessions before applying it, and gives it back when the
/// session is reset, expires or is evicted. The refusals say which budget, how large, and the reset that frees it.
/// </summary>
internal static class StateBudget
{
    /// <summary>The entries around one field (dictionary slot, key and value objects): measured order of magnitude, not exact.</summary>
    private const int FieldOverhead = 48;

    /// <summary>A new record's own entry (its key, its field map).</summary>
    private const int RecordOverhead = 96;

    public const long MiB = 1024 * 1024;

    /// <summary>What one field's value costs.</summary>
    public static long Field(string field, string json) => FieldBase(field) + (2L * json.Length) + Encoding.UTF8.GetByteCount(json);

    /// <summary>What one field costs before its value: a store that measures values itself (Redis's scripts) adds the value's cost.</summary>
    public static long FieldBase(string field) => (2L * field.Length) + FieldOverhead;

    /// <summary>What a new record costs before its fields.</summary>
    public static long Record(string collection, string id) => (2L * (collection.Length + id.Length)) + RecordOverhead;

    /// <summary>A byte count as people read budgets: 12.5 MB, 640 KB.</summary>
    public static string Describe(long bytes) =>
        bytes >= MiB ? $"{(bytes / (double)MiB).ToString("0.#", CultureInfo.InvariantCulture)} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    public static StateFullException SessionFull(string session, long held, long cost, long budget) => new(StateLimit.SessionBytes,
        $"session `{session}` holds {Describe(held)} of changes and this write needs {Describe(cost)} more, past the session's budget of {Describe(budget)} (--state-session-max-mb); reset it (POST /__admin/opmock/reset?session={session})");

    public static StateFullException AllFull(string session, long held, long cost, long budget) => new(StateLimit.Bytes,
        $"all sessions together hold {Describe(held)} of changes and this write of session `{session}` needs {Describe(cost)} more, past the budget of {Describe(budget)} for session state (--state-max-mb); reset finished sessions (POST /__admin/opmock/reset?session=NAME, or POST /__admin/opmock/reset for all)");

    /// <summary>What a collection holds, for a refusal that names the limit hit: a chat's messages are not a list's items nor changed chats.</summary>
    public static string Collection(string collection) =>
        Records.MessagesChat(collection) is { } chat ? $"messages appended to chat `{chat}`"
        : collection.StartsWith(Records.ItemPrefix, StringComparison.Ordinal) ? $"items created in list `{collection[Records.ItemPrefix.Length..]}`"
        : $"changed `{collection}` records";
}

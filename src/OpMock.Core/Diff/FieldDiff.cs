using System.Collections.Immutable;

namespace OpMock.Core.Diff;

/// <summary>
/// Compares the fields of one side (request or response) of a route in two versions: what was added, removed,
/// renamed, retyped, and how each constraint moved. Only a change is reported; a field whose promises are the
/// same is silent, however its row or table was rewritten.
/// </summary>
internal sealed class FieldDiff(string route, string doc, bool request)
{
    private readonly List<Change> changes = [];

    private string Where => request ? Change.InRequest : Change.InResponse;

    public static IEnumerable<Change> Compare(string route, string doc, bool request, ImmutableArray<FieldFacts> before, ImmutableArray<FieldFacts> after)
    {
        var diff = new FieldDiff(route, doc, request);
        diff.Run(before, after);
        return diff.changes;
    }

    private void Run(ImmutableArray<FieldFacts> before, ImmutableArray<FieldFacts> after)
    {
        var old = before.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var next = after.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var removed = before.Where(f => !next.ContainsKey(f.Path)).ToList();
        var added = after.Where(f => !old.ContainsKey(f.Path)).ToList();

        // What lies under a field that is gone, new or retyped is said by that field's own change.
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gone in removed)
        {
            if (Under(gone.Path, covered))
            {
                continue;
            }

            covered.Add(gone.Path);
            if (!request && added.FirstOrDefault(a => IsRenameOf(gone, a)) is { } renamed)
            {
                added.Remove(renamed);
                covered.Add(renamed.Path);
                Add(gone.Path, ChangeKind.ResponseFieldRenamed, gone.Path, renamed.Path);
                continue;
            }

            Add(gone.Path, request ? ChangeKind.RequestFieldRemoved : ChangeKind.ResponseFieldRemoved, gone.Shape, "");
        }

        foreach (var both in before.Where(f => next.ContainsKey(f.Path)))
        {
            if (Under(both.Path, covered))
            {
                continue;
            }

            var now = next[both.Path];
            if (both.Shape != now.Shape)
            {
                covered.Add(both.Path);
                Add(both.Path, request ? ChangeKind.RequestTypeChanged : ChangeKind.ResponseTypeChanged, both.Shape, now.Shape);
                continue;
            }

            var count = changes.Count;
            Constraints(both, now);
            if (changes.Count == count && both.Description != now.Description)
            {
                Add(both.Path, ChangeKind.DescriptionChanged, Short(both.Description), Short(now.Description));
            }
        }

        foreach (var fresh in added.Where(a => !Under(a.Path, covered)))
        {
            covered.Add(fresh.Path);
            var kind = !request ? ChangeKind.ResponseFieldAdded
                : fresh.Required ? ChangeKind.RequestFieldAddedRequired
                : ChangeKind.RequestFieldAddedOptional;
            Add(fresh.Path, kind, "", fresh.Shape + (request ? (fresh.Required ? ", required" : ", optional") : ""));
        }
    }

    /// <summary>A response field gone and one new beside it, of the same shape and the same (non-empty) description.</summary>
    private static bool IsRenameOf(FieldFacts gone, FieldFacts fresh) =>
        gone.Parent == fresh.Parent && gone.Shape == fresh.Shape && gone.Description.Length > 0 && gone.Description == fresh.Description;

    private void Constraints(FieldFacts before, FieldFacts after)
    {
        if (before.Required != after.Required)
        {
            Add(before.Path,
                request ? (after.Required ? ChangeKind.RequestFieldMadeRequired : ChangeKind.RequestFieldMadeOptional)
                    : (after.Required ? ChangeKind.ResponseMadeRequired : ChangeKind.ResponseMadeOptional),
                before.Required ? "required" : "optional", after.Required ? "required" : "optional");
        }

        // A request field's 可为空 is its presence, already said above.
        if (!request && before.Nullable != after.Nullable)
        {
            Add(before.Path, after.Nullable ? ChangeKind.ResponseMadeNullable : ChangeKind.ResponseMadeNotNullable,
                before.Nullable ? "nullable" : "not null", after.Nullable ? "nullable" : "not null");
        }

        Enum(before, after);
        Limit(before, after, "minimum", before.Minimum, after.Minimum, narrower: (b, a) => a > b);
        Limit(before, after, "maximum", before.Maximum, after.Maximum, narrower: (b, a) => a < b);
        Format(before, after);
        if (before.Default != after.Default)
        {
            Add(before.Path, ChangeKind.DefaultChanged, "default " + (before.Default ?? "none"), "default " + (after.Default ?? "none"));
        }
    }

    private void Enum(FieldFacts before, FieldFacts after)
    {
        if (before.Options.SequenceEqual(after.Options))
        {
            return;
        }

        // No enum allows every value: adding one narrows, dropping one widens; otherwise values lost narrow.
        var narrowed = before.Options.IsEmpty || (!after.Options.IsEmpty && before.Options.Except(after.Options).Any());
        Add(before.Path, Kind(narrowed), "enum " + before.OptionsText, "enum " + after.OptionsText);
    }

    private void Limit(FieldFacts before, FieldFacts after, string name, decimal? old, decimal? now, Func<decimal, decimal, bool> narrower)
    {
        if (old == now)
        {
            return;
        }

        var narrowed = old is null || (now is not null && narrower(old.Value, now.Value));
        Add(before.Path, Kind(narrowed), $"{name} {FieldFacts.Number(old)}", $"{name} {FieldFacts.Number(now)}");
    }

    private void Format(FieldFacts before, FieldFacts after)
    {
        if (before.Format == after.Format)
        {
            return;
        }

        var kind = before.Format is not null && after.Format is not null && !request ? ChangeKind.ResponseFormatChanged
            : Kind(narrowed: after.Format is not null);
        Add(before.Path, kind, "format " + (before.Format ?? "none"), "format " + (after.Format ?? "none"));
    }

    /// <summary>Narrowing a request refuses what clients sent; widening a response sends what clients may not expect.</summary>
    private ChangeKind Kind(bool narrowed) => (request, narrowed) switch
    {
        (true, true) => ChangeKind.RequestConstraintNarrowed,
        (true, false) => ChangeKind.RequestConstraintWidened,
        (false, true) => ChangeKind.ResponseConstraintNarrowed,
        _ => ChangeKind.ResponseConstraintWidened,
    };

    private void Add(string path, ChangeKind kind, string before, string after) =>
        changes.Add(new Change(route, Where, path, kind, before, after, doc));

    /// <summary>Whether a path lies under one of <paramref name="roots"/> (data.user.phone under data.user, data.chats[].x under data.chats).</summary>
    private static bool Under(string path, IReadOnlySet<string> roots)
    {
        for (var end = path.Length - 1; end > 0; end--)
        {
            if (path[end] is '.' or '[' or '{' && roots.Contains(path[..end]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";
}

namespace OpMock.Tests.Support;

/// <summary>
/// The tests' own docs (tests/OpMock.Tests/TestDocs): the shipped three frozen in base/, and the wiki docs other
/// authors wrote in wiki/. Tests asserting exact routes, counts or golden output read these, never schemas/docs,
/// so adding a doc to schemas/docs cannot break them.
/// </summary>
internal static class TestDocs
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "OpMock.Tests", "TestDocs");

    /// <summary>The shipped docs as frozen for the tests: 2.19, 2.36 and the transfer doc 2.9.</summary>
    public static string Base => Path.Combine(Folder, "base", "docs");

    /// <summary>The shipped overrides.yaml, frozen with <see cref="Base"/> (and found beside it, as opmock looks).</summary>
    public static string BaseOverrides => Path.Combine(Folder, "base", "overrides.yaml");

    /// <summary>5.1, 5.2, 5.3 and the transfer doc 5.9 (see wiki/README.md).</summary>
    public static string Wiki => Path.Combine(Folder, "wiki");

    /// <summary>Write docs (7.x: close, set online, transfer, send, messages, addresses, remark, accept …) for the actions tests (see actions/README.md).</summary>
    public static string Actions => Path.Combine(Folder, "actions");

    /// <summary>The frozen shipped docs plus the write docs, for tests that walk flows of writes and reads.</summary>
    public static string BaseWithActions(TempFolder temp) => Copy(temp, Base, BaseOverrides, Actions);

    /// <summary>9.x: write times, actors and the reads that show them (see world/README.md).</summary>
    public static string World => Path.Combine(Folder, "world");

    /// <summary>26.1 and 26.2: example instants in every form, and example images (see present/README.md).</summary>
    public static string Present => Path.Combine(Folder, "present");

    /// <summary>8.1 to 8.5: lists that filter and page, totals, counts and times (see lists/README.md).</summary>
    public static string Lists => Path.Combine(Folder, "lists");

    /// <summary>The frozen shipped docs plus the list docs, for the tests of lists and of the world's rules.</summary>
    public static string BaseWithLists(TempFolder temp) => Copy(temp, Base, BaseOverrides, Lists);

    /// <summary>9.1 to 9.8: kinds no C# file names, an OP's work tickets and quick replies (see kinds/README.md).</summary>
    public static string Kinds => Path.Combine(Folder, "kinds");

    /// <summary>The frozen shipped docs plus the kinds docs, for the tests of kinds the world learns from the docs.</summary>
    public static string BaseWithKinds(TempFolder temp) => Copy(temp, Base, BaseOverrides, Kinds);

    /// <summary>11.1 to 11.6: kinds seen only in the items of a list, a user's coupons and cards, an OP's evaluations (see items/README.md).</summary>
    public static string Items => Path.Combine(Folder, "items");

    /// <summary>The frozen shipped docs plus the kinds and the items docs: kinds with routes of their own and kinds only listed.</summary>
    public static string BaseWithKindsAndItems(TempFolder temp) => Copy(temp, Base, BaseOverrides, Kinds, Items);

    /// <summary>12.1 to 12.8: entities only a fixture's `kinds:` names, merges or splits (see declared/README.md).</summary>
    public static string Declared => Path.Combine(Folder, "declared");

    /// <summary>The frozen shipped docs plus the declared-kinds docs.</summary>
    public static string BaseWithDeclared(TempFolder temp) => Copy(temp, Base, BaseOverrides, Declared);

    /// <summary>25.1 to 25.6: codes and names, histories, id shapes, order words (see rules/README.md).</summary>
    public static string Rules => Path.Combine(Folder, "rules");

    /// <summary>The frozen shipped docs plus the rules docs, for the tests of issue 25's rules over generated objects.</summary>
    public static string BaseWithRules(TempFolder temp) => Copy(temp, Base, BaseOverrides, Rules);

    /// <summary>31.1 to 31.4: ledgers — a user's points, wallet and stored-value card, signed amounts and running balances — and a user's orders with addresses and lines (see ledger/README.md).</summary>
    public static string Ledger => Path.Combine(Folder, "ledger");

    /// <summary>The frozen shipped docs plus the ledger docs, for the tests of the ledger rule.</summary>
    public static string BaseWithLedger(TempFolder temp) => Copy(temp, Base, BaseOverrides, Ledger);

    /// <summary>Objects in states (TestDocs/states): bounds by another field, times empty while a state holds, counts of a state, reasons.</summary>
    public static string States => Path.Combine(Folder, "states");

    /// <summary>43.1–43.3: an OP's leave applications and the approve / reject routes that send no status (see verbs/README.md).</summary>
    public static string Verbs => Path.Combine(Folder, "verbs");

    public static string BaseWithVerbs(TempFolder temp) => Copy(temp, Base, BaseOverrides, Verbs);

    /// <summary>The base docs plus the states docs, copied into <paramref name="temp"/>.</summary>
    public static string BaseWithStates(TempFolder temp) => Copy(temp, Base, BaseOverrides, States);

    /// <summary>The frozen shipped docs plus the docs of test folders <paramref name="folders"/>.</summary>
    public static string BaseWith(TempFolder temp, params string[] folders) => Copy(temp, Base, BaseOverrides, folders);

    /// <summary>6.1–6.3 for the OpenAPI export: a GET list with nullable query fields, Long and int fields, pages (see openapi/README.md).</summary>
    public static string OpenApi => Path.Combine(Folder, "openapi", "docs");

    /// <summary>The docs in schemas/docs plus the wiki docs, copied into docs/ of <paramref name="temp"/> with overrides.yaml beside them.</summary>
    public static string ShippedWithWiki(TempFolder temp) => Copy(temp, Repo.Docs, Repo.Overrides, Wiki);

    /// <summary>The frozen shipped docs plus the wiki docs, for tests that assert exact routes over both.</summary>
    public static string BaseWithWiki(TempFolder temp) => Copy(temp, Base, BaseOverrides, Wiki);

    /// <summary>The files under a folder matching <paramref name="pattern"/>, as paths relative to it with '/'.</summary>
    public static string[] Files(string folder, string pattern = "*") => [.. Directory
        .EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    /// <summary>How many docs opmock reads from a folder (its .txt and .md files), as lint counts them.</summary>
    public static int Count(string docs) =>
        Files(docs).Count(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase));

    private static string Copy(TempFolder temp, string docs, string overrides, params string[] folders)
    {
        // Every file of the docs folder as it is; of the test docs only the docs (their README is not one).
        foreach (var file in Files(docs))
        {
            File.Copy(Path.Combine(docs, file), CreateFolderFor(Path.Combine(temp.Path, "docs", file)));
        }

        foreach (var (more, file) in folders.SelectMany(more => Files(more, "*.txt").Select(file => (more, file))))
        {
            // The same doc is fine (the acceptance check copies the wiki into schemas/docs); another doc at its path is
            // a user's doc the test would silently replace, so the failure says which test doc to renumber.
            var target = Path.Combine(temp.Path, "docs", file);
            if (File.Exists(target) && !File.ReadAllBytes(target).SequenceEqual(File.ReadAllBytes(Path.Combine(more, file))))
            {
                throw new InvalidOperationException($"{docs} already has another {file}; give the test doc {Path.Combine(more, file)} a free number");
            }

            File.Copy(Path.Combine(more, file), CreateFolderFor(target), overwrite: true);
        }

        File.Copy(overrides, Path.Combine(temp.Path, "overrides.yaml"));
        return Path.Combine(temp.Path, "docs");
    }

    private static string CreateFolderFor(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}

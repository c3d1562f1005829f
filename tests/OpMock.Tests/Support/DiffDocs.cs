using System.Text;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;

namespace OpMock.Tests.Support;

/// <summary>
/// The diff tests' docs: the two folders under TestDocs/diff (a base and a later version of the same wiki, see its
/// README), and one small house-format doc built from a snippet, for the rule table. A snippet is lines of
/// `in:|row|`, `out:|row|`, `item:|row|` (rows of the #Item section, listed as data.items), `method:GET`,
/// `url:/op/v2/x`, `required:FIELD=false` or `nullable:FIELD=false` (a decision of overrides.yaml), or `none` for no doc.
/// </summary>
internal static class DiffDocs
{
    public static string Before => Path.Combine(TestDocs.Folder, "diff", "before");

    public static string After => Path.Combine(TestDocs.Folder, "diff", "after");

    public const string DocPath = "get-op-api/9.50.txt";

    public static ApiContract Contract(string snippet)
    {
        var lines = snippet.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines is ["none"])
        {
            return ApiContract.Build(DocSet.FromTexts("docs", []), []);
        }

        string Value(string key, string fallback) => lines.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..] ?? fallback;
        IEnumerable<string> Rows(string key) => lines.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..]);

        var text = new StringBuilder();
        text.Append("* [Op Api接口文档](/markdown/get-op-api) > 9.50\n\n##9.50 查询服务记录\n###URL:\n")
            .Append("http://120.55.94.183:8080").Append(Value("url", "/op/v2/getServiceRecords")).Append("\n###方式:\n").Append(Value("method", "post")).Append('\n')
            .Append("###输入参数:\n|字段\t |类型 \t|描述 \t|可为空 |备注 |\n|:-----|:-----|:------|:-----|:----|\n");
        foreach (var row in Rows("in"))
        {
            text.Append(row).Append('\n');
        }

        text.Append("\n###返回数据:\n|字段\t|类型\t|描述 |备注|\n|:----|:----|:----|:----|\n");
        foreach (var row in Rows("out"))
        {
            text.Append(row).Append('\n');
        }

        if (Rows("item").Any())
        {
            text.Append("|items|List<Item>|服务记录|详见`Item`|\n\n#Item\n|字段\t|类型\t|描述 |备注|\n|:----|:----|:----|:----|\n");
            foreach (var row in Rows("item"))
            {
                text.Append(row).Append('\n');
            }
        }

        text.Append("\n###版本历史：\n\n|版本 |时间 |描述 |操作人 |\n|:----|:------|:------|:------|\n|01 |2016-04-11 |基础版 |吴嘉怡 |\n");
        var decisions = lines.Where(l => l.StartsWith("required:", StringComparison.Ordinal) || l.StartsWith("nullable:", StringComparison.Ordinal))
            .Select(l =>
            {
                var (kind, rest) = (l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                var (field, value) = (rest.Split('=')[0], rest.Split('=')[1] == "true");
                return new FieldOverride("get-op-api/9.50", field, null, null, kind == "required" ? value : null, kind == "nullable" ? value : null, "test decision", "overrides.yaml", 1);
            });
        var contract = ApiContract.Build(DocSet.FromTexts("docs", [(DocPath, text.ToString())]), [.. decisions]);
        contract.HasErrors.ShouldBeFalse(string.Join("\n", contract.Findings));
        return contract;
    }

    /// <summary>Both folders' docs read as the pipeline reads them, with no overrides.</summary>
    public static Task<ApiContract> LoadAsync(string folder) => ApiContract.LoadAsync(folder, null);
}

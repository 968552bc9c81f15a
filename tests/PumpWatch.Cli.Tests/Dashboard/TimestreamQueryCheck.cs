using System.Text;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// A structural check of a Grafana Timestream query, written for these tests: it tokenises the text (strings, quoted
/// identifiers, numbers and interval literals such as <c>15m</c>, the plugin's macros, Grafana variables), requires
/// balanced parentheses and only known macros and variables, then resolves every name: <c>FROM</c>/<c>JOIN</c> take
/// <c>$__database.$__table</c> or <c>$__database.NAME</c> (no database name in the text), a qualified column its alias's
/// table, an unqualified one any table of the query (or a SELECT alias), and <c>measure_name = '...'</c> a measure the
/// table holds. Not a SQL parser: it knows the keywords and shapes the panels use, and says so for anything else.
/// </summary>
internal static class TimestreamQueryCheck
{
    /// <summary>The Grafana Timestream plugin's macros (grafana/timestream-datasource, pkg/timestream/macros.go and the editor's macro list).</summary>
    public static readonly IReadOnlySet<string> Macros = new HashSet<string>(StringComparer.Ordinal)
    {
        "$__database", "$__table", "$__measure", "$__timeFilter", "$__interval_ms", "$__timeFrom", "$__timeTo",
    };

    /// <summary>Grafana's global range variables (epoch milliseconds) and the dashboard's own variables.</summary>
    public static readonly IReadOnlySet<string> Variables = new HashSet<string>(StringComparer.Ordinal)
    {
        "${__from}", "${__to}", "${pump:singlequote}", "$pump", "$sensor",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "AS", "GROUP", "BY", "ORDER", "ASC", "DESC", "LIMIT",
        "CASE", "WHEN", "THEN", "ELSE", "END", "LEFT", "JOIN", "ON", "BETWEEN", "TRUE", "FALSE",
    };

    private enum Kind
    {
        Word,
        QuotedName,
        Text,
        Number,
        Macro,
        Variable,
        Symbol,
    }

    private sealed record Token(Kind Kind, string Text);

    /// <summary>Every problem found, one line each; empty when the query is well formed and names only written tables, columns and measures.</summary>
    /// <param name="sql">The query text.</param>
    /// <param name="ownTable">The table <c>$__table</c> stands for.</param>
    /// <param name="tables">The written tables by name.</param>
    /// <param name="sensors">The values <c>$sensor</c> takes: each must be a column of a table of the query.</param>
    public static IReadOnlyList<string> Problems(string sql, string ownTable, IReadOnlyDictionary<string, WrittenTable> tables, IReadOnlyList<string> sensors)
    {
        var problems = new List<string>();
        var tokens = Tokenize(sql, problems);
        CheckBalance(tokens, problems);

        // Pass 1: the tables (with their aliases) and the SELECT aliases, which the text may use before it defines them.
        var aliases = new Dictionary<string, WrittenTable>(StringComparer.Ordinal);
        var queryTables = new List<WrittenTable>();
        var outputNames = new HashSet<string>(StringComparer.Ordinal);
        var tableTokens = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (IsWord(tokens[i], "AS") && i + 1 < tokens.Count && tokens[i + 1].Kind is Kind.Word or Kind.QuotedName)
            {
                outputNames.Add(tokens[i + 1].Text);
                tableTokens.Add(i + 1);
            }

            if (!(IsWord(tokens[i], "FROM") || IsWord(tokens[i], "JOIN")))
            {
                continue;
            }

            if (i + 3 >= tokens.Count || tokens[i + 1] is not { Kind: Kind.Macro, Text: "$__database" } || tokens[i + 2].Text != ".")
            {
                problems.Add($"{tokens[i].Text} is not followed by $__database.TABLE (the database comes from Grafana's configuration)");
                continue;
            }

            var tableName = tokens[i + 3] switch
            {
                { Kind: Kind.Macro, Text: "$__table" } => ownTable,
                { Kind: Kind.Word or Kind.QuotedName } named => named.Text,
                var other => $"(not a table: {other.Text})",
            };
            tableTokens.UnionWith([i + 1, i + 2, i + 3]);
            if (!tables.TryGetValue(tableName, out var table))
            {
                problems.Add($"table '{tableName}' is not one the writer writes ({string.Join(", ", tables.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            queryTables.Add(table);
            if (i + 4 < tokens.Count && tokens[i + 4].Kind == Kind.Word && !Keywords.Contains(tokens[i + 4].Text))
            {
                aliases[tokens[i + 4].Text] = table;
                tableTokens.Add(i + 4);
            }
        }

        if (queryTables.Count == 0)
        {
            problems.Add("the query reads no table");
            return problems;
        }

        // Pass 2: every name.
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (tableTokens.Contains(i))
            {
                continue;
            }

            if (token.Kind == Kind.Variable && token.Text == "$sensor")
            {
                foreach (var sensor in sensors.Where(s => !queryTables.Any(t => t.Columns.Contains(s))))
                {
                    problems.Add($"$sensor can be '{sensor}', which no table of the query has");
                }

                continue;
            }

            if (token.Kind is not (Kind.Word or Kind.QuotedName) || (token.Kind == Kind.Word && Keywords.Contains(token.Text)))
            {
                continue;
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Text == "(" && token.Kind == Kind.Word)
            {
                continue; // a function
            }

            IReadOnlyList<WrittenTable> scope = queryTables;
            var column = token.Text;
            if (i + 2 < tokens.Count && tokens[i + 1].Text == "." && tokens[i + 2].Kind is Kind.Word or Kind.QuotedName)
            {
                if (!aliases.TryGetValue(token.Text, out var aliased))
                {
                    problems.Add($"'{token.Text}.' qualifies a column but is no table alias of the query");
                    i += 2;
                    continue;
                }

                scope = [aliased];
                column = tokens[i + 2].Text;
                i += 2;
            }
            else if (outputNames.Contains(column))
            {
                continue;
            }

            if (!scope.Any(t => t.Columns.Contains(column)))
            {
                problems.Add($"column '{column}' is not written to {string.Join(" or ", scope.Select(t => t.Name))}");
                continue;
            }

            if (column == "measure_name" && i + 2 < tokens.Count && tokens[i + 1].Text == "=" && tokens[i + 2].Kind == Kind.Text)
            {
                var measure = tokens[i + 2].Text;
                if (!scope.Any(t => t.Measures.Contains(measure)))
                {
                    problems.Add($"measure_name '{measure}' is not a measure of {string.Join(" or ", scope.Select(t => t.Name))}");
                }
            }
        }

        return problems;
    }

    private static bool IsWord(Token token, string word) => token.Kind == Kind.Word && string.Equals(token.Text, word, StringComparison.OrdinalIgnoreCase);

    private static void CheckBalance(List<Token> tokens, List<string> problems)
    {
        var depth = 0;
        foreach (var token in tokens.Where(t => t.Kind == Kind.Symbol))
        {
            depth += token.Text == "(" ? 1 : token.Text == ")" ? -1 : 0;
            if (depth < 0)
            {
                problems.Add("a ')' closes no '('");
                return;
            }
        }

        if (depth > 0)
        {
            problems.Add($"{depth} '(' never closed");
        }
    }

    private static List<Token> Tokenize(string sql, List<string> problems)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var text = new StringBuilder();
                var j = i + 1;
                while (true)
                {
                    if (j >= sql.Length)
                    {
                        problems.Add($"unterminated {(c == '\'' ? "string" : "quoted name")} at {i}");
                        return tokens;
                    }

                    if (sql[j] == c && j + 1 < sql.Length && sql[j + 1] == c)
                    {
                        text.Append(c);
                        j += 2;
                    }
                    else if (sql[j] == c)
                    {
                        break;
                    }
                    else
                    {
                        text.Append(sql[j++]);
                    }
                }

                tokens.Add(new Token(c == '\'' ? Kind.Text : Kind.QuotedName, text.ToString()));
                i = j + 1;
            }
            else if (c == '$')
            {
                var j = i + 1;
                if (j < sql.Length && sql[j] == '{')
                {
                    j = sql.IndexOf('}', j);
                    if (j < 0)
                    {
                        problems.Add($"unterminated ${{ at {i}");
                        return tokens;
                    }

                    j++;
                }
                else
                {
                    while (j < sql.Length && (char.IsAsciiLetterOrDigit(sql[j]) || sql[j] == '_'))
                    {
                        j++;
                    }
                }

                var name = sql[i..j];
                var isMacro = name.StartsWith("$__", StringComparison.Ordinal);
                if (!(isMacro ? Macros : Variables).Contains(name))
                {
                    problems.Add($"unknown {(isMacro ? "macro" : "variable")} '{name}'");
                }

                tokens.Add(new Token(isMacro ? Kind.Macro : Kind.Variable, name));
                i = j;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var j = i;
                while (j < sql.Length && (char.IsAsciiLetterOrDigit(sql[j]) || sql[j] == '_'))
                {
                    j++;
                }

                tokens.Add(new Token(Kind.Word, sql[i..j]));
                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                // 1000, 1000.0, 1e6 and interval literals such as 15m or 1h.
                var j = i;
                while (j < sql.Length && (char.IsAsciiLetterOrDigit(sql[j]) || sql[j] == '.'))
                {
                    j++;
                }

                tokens.Add(new Token(Kind.Number, sql[i..j]));
                i = j;
            }
            else if ("(),.=<>*/+-".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(Kind.Symbol, c.ToString()));
                i++;
            }
            else
            {
                problems.Add($"unexpected '{c}' at {i}");
                i++;
            }
        }

        return tokens;
    }
}

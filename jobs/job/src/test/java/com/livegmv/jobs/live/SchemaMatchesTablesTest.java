package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.output.Table;
import com.livegmv.output.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code config/schema.sql} (as the job jar ships it) declares every output table exactly as its
 * {@link Table} definition: the same columns in the same order, the same types, NULL where the
 * definition allows it, and the same primary key. Only the database's own bookkeeping columns
 * ({@code inserted_at}, {@code updated_at}) may come on top.
 */
class SchemaMatchesTablesTest {
    private static final List<String> DATABASE_COLUMNS = List.of("inserted_at", "updated_at");

    record SqlColumn(String name, String type, boolean nullable) {}

    static List<Table<?>> tables() {
        return Tables.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void schemaDeclaresTheTableAsDefined(Table<?> table) throws IOException {
        String body = createTableBody(schema(), table.name());
        Map<String, SqlColumn> declared = new LinkedHashMap<>();
        List<String> primaryKey = new ArrayList<>();
        for (String line : body.split("\n")) {
            String l = line.replaceAll("--.*", "").strip();
            if (l.endsWith(",")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.isEmpty()) {
                continue;
            }
            Matcher pk = Pattern.compile("PRIMARY KEY \\(([^)]*)\\)").matcher(l);
            if (l.startsWith("PRIMARY KEY")) {
                assertThat(pk.find()).isTrue();
                primaryKey.addAll(List.of(pk.group(1).split(",\\s*")));
                continue;
            }
            String[] w = l.split("\\s+");
            boolean nullable = !l.contains("NOT NULL") && !l.contains("PRIMARY KEY");
            declared.put(w[0], new SqlColumn(w[0], w[1].toLowerCase(Locale.ROOT), nullable));
            if (l.contains("PRIMARY KEY")) {
                primaryKey.add(w[0]);
            }
        }
        DATABASE_COLUMNS.forEach(declared::remove);

        List<SqlColumn> expected = new ArrayList<>();
        for (Table.Column<?> c : table.columns()) {
            expected.add(new SqlColumn(c.name(), c.type().sql(), c.nullable()));
        }
        assertThat(List.copyOf(declared.values())).containsExactlyElementsOf(expected);
        assertThat(primaryKey).containsExactlyElementsOf(table.key());
    }

    private static String schema() throws IOException {
        try (InputStream in = PostgresTables.class.getResourceAsStream("/schema.sql")) {
            assertThat(in).as("schema.sql in the job jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String createTableBody(String ddl, String table) {
        Matcher m =
                Pattern.compile(
                                "CREATE TABLE IF NOT EXISTS "
                                        + Pattern.quote(table)
                                        + " \\((.*?)\\n\\);",
                                Pattern.DOTALL)
                        .matcher(ddl);
        assertThat(m.find()).as("schema.sql creates %s", table).isTrue();
        return m.group(1);
    }
}

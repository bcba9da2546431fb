package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The tables_include / tables_exclude patterns of a policy: schema.table, {@code *} for any run of characters. */
record TableFilter(List<String> include, List<String> exclude) {

    static TableFilter of(JsonNode options) {
        return new TableFilter(strings(options.path("tables_include")), strings(options.path("tables_exclude")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** No include pattern means every table; an exclude pattern always wins. */
    boolean accepts(String qualifiedName) {
        return (include.isEmpty() || include.stream().anyMatch(p -> matches(p, qualifiedName)))
                && exclude.stream().noneMatch(p -> matches(p, qualifiedName));
    }

    static boolean matches(String glob, String name) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!re.isEmpty()) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return Pattern.matches(re.toString(), name);
    }
}

package org.crmhub.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GraphQL documents of src/test/resources/graphql-test/, the folder GraphQlTester's
 * {@code documentName(...)} reads, for the tests that need the raw JSON answer; and the variables
 * they take. IDs and other values always travel as variables, never inside a document.
 */
public final class Documents {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Documents() {
    }

    /** The text of {@code graphql-test/<name>.graphql}. */
    public static String named(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            String path = "graphql-test/" + n + ".graphql";
            try (InputStream in = Documents.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("no document " + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Variables or an input object, in the order given: {@code variables("id", id, "first", 5)}. */
    public static Map<String, Object> variables(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}

package com.livegmv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tests vary a valid record one field at a time: these copy its ordered field map with a change.
 */
public final class FieldMaps {
    private FieldMaps() {}

    public static <V> Map<String, V> with(Map<String, V> m, String field, V value) {
        Map<String, V> copy = new LinkedHashMap<>(m);
        copy.put(field, value);
        return copy;
    }

    /** Fails the test when the field was not there: removing nothing would test nothing. */
    public static <V> Map<String, V> without(Map<String, V> m, String field) {
        Map<String, V> copy = new LinkedHashMap<>(m);
        assertThat(copy.remove(field)).as("test setup: %s was present", field).isNotNull();
        return copy;
    }
}

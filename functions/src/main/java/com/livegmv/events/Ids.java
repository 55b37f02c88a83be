package com.livegmv.events;

/**
 * The id rule of SPEC §2, for every id of an event and the campaign ids of the plan: 1..128
 * characters, counted in Unicode code points (128 emoji are as long as 128 ASCII letters), and
 * Unicode text.
 */
public final class Ids {
    public static final int MAX_LENGTH = 128;

    private Ids() {}

    /** Null for a valid id; otherwise what is wrong with it, in a few words. */
    public static String problem(String id) {
        // length() counts UTF-16 units, at least one per code point: only a long id needs counting.
        if (id.isEmpty()
                || (id.length() > MAX_LENGTH && id.codePointCount(0, id.length()) > MAX_LENGTH)) {
            return "an id must have 1.." + MAX_LENGTH + " characters";
        }
        // A JSON or YAML escape can spell half a surrogate pair (U+D800 alone): not text, and
        // UTF-8 output would write it as '?', so two ids would become one.
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < id.length()
                    && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an id must be Unicode text (lone surrogate)";
            }
        }
        return null;
    }
}

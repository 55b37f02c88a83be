package com.livegmv.engine;

/**
 * The kinds of ids a streamer remembers. All live in one keyed map, each id prefixed with its
 * kind's character, so that an order id and a session id that happen to be equal stay apart.
 */
public enum IdKind {
    ORDER('o'),
    SESSION('s'),
    PREVIEW('p'),
    REFUND('r');

    private final String prefix;

    IdKind(char prefix) {
        this.prefix = String.valueOf(prefix);
    }

    /** The id's key in the map. */
    public String key(String id) {
        return prefix.concat(id);
    }
}

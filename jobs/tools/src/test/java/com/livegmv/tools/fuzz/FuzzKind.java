package com.livegmv.tools.fuzz;

/** The mutations {@link RecordFuzzer} makes; each record is of exactly one kind. */
public enum FuzzKind {
    TRUNCATED,
    WRONG_TYPE,
    HUGE_NUMBER,
    INVALID_UTF8,
    FOREIGN_ENCODING,
    DEEP_NESTING,
    NUL_BYTES,
    RANDOM_BYTES,
    DUPLICATE_KEYS,
    TRAILING_GARBAGE,
    EMPTY_OBJECT,
    NOT_AN_OBJECT,
    WRONG_VALUE,
    MISSING_FIELD,
    UNPAIRED_SURROGATE,
    /** The ~1 MB lines, each made once per file by {@link RecordFuzzer#hugeLines}. */
    HUGE_LINE,
    STILL_VALID
}

package com.livegmv.output;

public enum GrantKind {
    INSTANT,
    POST_EVENT,
    CLAWBACK
}

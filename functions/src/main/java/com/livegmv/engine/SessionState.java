package com.livegmv.engine;

/** A live session, kept while an order in an open campaign could still name it. */
public class SessionState {
    public String category;
    public boolean withGoods;
    public long expiresAt;

    public SessionState() {}

    public SessionState(String category, boolean withGoods, long expiresAt) {
        this.category = category;
        this.withGoods = withGoods;
        this.expiresAt = expiresAt;
    }
}

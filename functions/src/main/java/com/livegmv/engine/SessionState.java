package com.livegmv.engine;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A live session, kept while an order in an open campaign could still name it. */
@TypeInfo(StateSerializers.SessionStateInfo.class)
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

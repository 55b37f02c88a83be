package com.livegmv.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * The {@link IdStore} of the current key: one keyed map for every kind of id. Sessions are read
 * once per streamer batch (orders name the same few sessions over and over); the cache is reset
 * with {@link #begin()}.
 */
final class KeyedIds implements IdStore {
    /** A cached "no such session". */
    private static final IdEntry MISSING = new IdEntry();

    private final MapState<String, IdEntry> ids;
    private final Map<String, IdEntry> sessions = new HashMap<>();

    KeyedIds(MapState<String, IdEntry> ids) {
        this.ids = ids;
    }

    /** Starts work on another key, or on the same key after others. */
    void begin() {
        sessions.clear();
    }

    @Override
    public IdEntry get(IdKind kind, String id) throws Exception {
        if (kind != IdKind.SESSION) {
            return ids.get(kind.key(id));
        }
        IdEntry cached = sessions.get(id);
        if (cached == null) {
            cached = ids.get(kind.key(id));
            sessions.put(id, cached == null ? MISSING : cached);
        }
        return cached == MISSING ? null : cached;
    }

    @Override
    public void put(IdKind kind, String id, IdEntry entry) throws Exception {
        ids.put(kind.key(id), entry);
        if (kind == IdKind.SESSION) {
            sessions.put(id, entry);
        }
    }

    @Override
    public void expire(long t) throws Exception {
        sessions.clear();
        Iterator<Map.Entry<String, IdEntry>> it = ids.iterator();
        if (it == null) {
            return;
        }
        while (it.hasNext()) {
            if (it.next().getValue().expiresAt <= t) {
                it.remove();
            }
        }
        // Removing every entry through the iterator leaves an empty map behind on the heap
        // backend; clear() drops the state entry itself.
        if (ids.isEmpty()) {
            ids.clear();
        }
    }

    @Override
    public void clear() {
        sessions.clear();
        ids.clear();
    }
}

package com.livegmv.engine;

/**
 * Where one streamer's remembered ids live: keyed state in the job, a map in tests. The ledger
 * reads and writes ids only through this.
 */
public interface IdStore {
    /** The remembered id, or null. */
    IdEntry get(IdKind kind, String id) throws Exception;

    void put(IdKind kind, String id, IdEntry entry) throws Exception;

    /** Forgets every id that expires at or before {@code t}. */
    void expire(long t) throws Exception;

    /** Forgets every id. */
    void clear() throws Exception;
}

package com.livegmv.tools.generate;

/**
 * What a generator run emitted. {@code lines} is the sum of the other counts: each line is exactly
 * one of a first delivery of a well-formed event (by type), a verbatim re-delivery ({@code
 * duplicates}) or a malformed line.
 */
public record GeneratorStats(
        long lines,
        long orders,
        long refunds,
        long registrations,
        long previews,
        long sessions,
        long malformed,
        long duplicates) {}

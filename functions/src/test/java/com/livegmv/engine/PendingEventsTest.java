package com.livegmv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.events.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PendingEventsTest {
    private final PendingEvents pending = new PendingEvents();

    /** What one drain handed over: each streamer's events as keys, in the order given. */
    private Map<String, List<String>> drain(long last) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        pending.drain(
                last,
                (streamer, events) -> {
                    assertThat(out).doesNotContainKey(streamer); // one batch per streamer
                    out.put(streamer, events.stream().map(e -> e.key).toList());
                });
        return out;
    }

    @Test
    void shouldReleaseOnlyEventsAtOrBeforeTheWatermarkEachStreamerInOneSortedBatch()
            throws Exception {
        pending.add(Ev.order("a", "o3", "s", 1, "2026-11-11T00:00:03Z"));
        pending.add(Ev.order("b", "o1", "s", 1, "2026-11-11T00:00:01Z"));
        pending.add(Ev.order("a", "o1", "s", 1, "2026-11-11T00:00:01Z"));
        pending.add(Ev.session("a", "s", "c", true, "2026-11-11T00:00:02Z"));
        pending.add(Ev.order("a", "o2", "s", 1, "2026-11-11T00:00:02Z"));

        assertThat(drain(Ev.t("2026-11-11T00:00:00.999Z"))).isEmpty();
        assertThat(drain(Ev.t("2026-11-11T00:00:02Z")))
                .containsOnlyKeys("a", "b")
                // SPEC §4: by time, then sessions before orders at the same instant
                .containsEntry("a", List.of("o1", "s", "o2"))
                .containsEntry("b", List.of("o1"));
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.all()).extracting(e -> e.key).containsExactly("o3");
        assertThat(drain(Ev.t("2026-11-11T00:00:03Z"))).containsEntry("a", List.of("o3"));
        assertThat(pending.size()).isZero();
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void shouldKeepArrivalOrderBetweenEventsTheProcessingOrderTies() throws Exception {
        Event first = Ev.order("a", "o1", "s", 100, "2026-11-11T00:00:01Z");
        Event redelivered = Ev.order("a", "o1", "s", 200, "2026-11-11T00:00:01Z");
        pending.add(Ev.order("a", "o0", "s", 1, "2026-11-11T00:00:02Z"));
        pending.add(first);
        pending.add(Ev.order("b", "o9", "s", 1, "2026-11-11T00:00:01Z"));
        pending.add(redelivered);

        List<Event> given = new ArrayList<>();
        pending.drain(Ev.t("2026-11-11T00:00:05Z"), (s, events) -> given.addAll(events));

        assertThat(given.stream().filter(e -> e.streamerId.equals("a")).toList())
                .extracting(e -> e.amountFen)
                .containsExactly(100L, 200L, 1L);
    }

    @Test
    void shouldCheckpointEveryWaitingEventSoThatARestoreReleasesTheSame() throws Exception {
        for (int i = 0; i < 50; i++) {
            pending.add(
                    Ev.order(
                            "s" + (i % 7),
                            "o" + i,
                            "x",
                            i,
                            "2026-11-11T00:00:%02dZ".formatted((i * 13) % 60)));
        }
        PendingEvents restored = new PendingEvents();
        pending.all().forEach(restored::add);

        Map<String, List<String>> before = drain(Ev.t("2026-11-11T00:00:30Z"));
        Map<String, List<String>> after = new LinkedHashMap<>();
        restored.drain(
                Ev.t("2026-11-11T00:00:30Z"),
                (s, events) -> after.put(s, events.stream().map(e -> e.key).toList()));

        assertThat(after).isEqualTo(before);
        assertThat(restored.size()).isEqualTo(pending.size()).isEqualTo(50 - count(before));
    }

    @Test
    void shouldReleaseWhatAScanOfEveryWaitingEventReleasesAtEachWatermark() throws Exception {
        compareWithScan(new Random(11), 50, 20, 200);
    }

    /** Events up to 5 s ahead of the watermark and steps of up to 3 s: few ties, long waits. */
    @Test
    void shouldReleaseWhatAScanReleasesWhenEventsWaitSeconds() throws Exception {
        compareWithScan(new Random(12), 5_000, 3_000, 300);
    }

    /**
     * Events that wait for many watermarks keep many runs; past {@link PendingEvents#MAX_RUNS} they
     * are merged, and release the same.
     */
    @Test
    void shouldMergeRunsPastTheLimitAndReleaseTheSame() throws Exception {
        compareWithScan(new Random(14), 100_000, 100, 400);
    }

    /** Times too far apart for the packed sort take the other one, to the same order. */
    @Test
    void shouldOrderTimesTooFarApartToPackLikeAnyOthers() throws Exception {
        long[] times = {Long.MAX_VALUE - 1, -4_000_000_000_000_000_000L, 5, 5, Long.MIN_VALUE + 1};
        for (int i = 0; i < times.length; i++) {
            Event e = Ev.order("a", "o" + i, "x", i, "2026-11-11T00:00:00Z");
            e.eventTime = times[i];
            pending.add(e);
        }
        assertThat(drain(5)).containsEntry("a", List.of("o4", "o1", "o2", "o3"));
        assertThat(pending.all()).extracting(e -> e.key).containsExactly("o0");
        assertThat(drain(Long.MAX_VALUE - 1)).containsEntry("a", List.of("o0"));
        assertThat(pending.size()).isZero();
    }

    /** A drain of thousands of streamers (the end of a replay), then small ones again. */
    @Test
    void shouldGroupAfterAVeryLargeDrainAsBefore() throws Exception {
        long t = Ev.t("2026-11-11T00:00:00Z");
        for (int i = 0; i < 40_000; i++) {
            Event e = Ev.order("s" + i, "o" + i, "x", i, "2026-11-11T00:00:00Z");
            e.eventTime = t + i % 1_000;
            pending.add(e);
        }
        Map<String, List<String>> big = drain(t + 10_000);
        assertThat(big).hasSize(40_000);
        assertThat(big.get("s39999")).containsExactly("o39999");
        compareWithScan(new Random(13), 500, 200, 50);
    }

    /** Times before 1970 order like any other. */
    @Test
    void shouldReleaseEventsBefore1970InOrder() throws Exception {
        long[] times = {-130, -1, -65, -64, -63, 0, 63, 64, -200};
        for (int i = 0; i < times.length; i++) {
            Event e = Ev.order("a", "o" + i, "x", i, "2026-11-11T00:00:00Z");
            e.eventTime = times[i];
            pending.add(e);
        }
        assertThat(drain(-64)).containsEntry("a", List.of("o8", "o0", "o2", "o3"));
        assertThat(drain(63)).containsEntry("a", List.of("o4", "o1", "o5", "o6"));
        assertThat(pending.all()).extracting(e -> e.key).containsExactly("o7");
    }

    /**
     * Adds events ahead of a moving watermark and drains at each step, comparing each drain with a
     * scan of every waiting event in arrival order.
     */
    private void compareWithScan(Random r, int ahead, int step, int rounds) throws Exception {
        List<Event> waiting = new ArrayList<>(); // the reference: arrival order, scanned each time
        long base = Ev.t("2026-11-11T00:00:00Z");
        long watermark = base;
        for (int round = 0; round < rounds; round++) {
            for (int i = r.nextInt(40); i > 0; i--) {
                Event e =
                        Ev.order(
                                "s" + r.nextInt(9),
                                "o" + r.nextInt(30), // ids repeat: ties in SPEC §4 order
                                "x",
                                round * 1_000L + i,
                                "2026-11-11T00:00:00Z");
                e.eventTime = watermark + 1 + r.nextInt(ahead); // few distinct times: many ties
                pending.add(e);
                waiting.add(e);
            }
            watermark += r.nextInt(step);
            Map<String, List<Event>> expected = new LinkedHashMap<>();
            for (Event e : waiting) {
                if (e.eventTime <= watermark) {
                    expected.computeIfAbsent(e.streamerId, k -> new ArrayList<>()).add(e);
                }
            }
            expected.values().forEach(l -> l.sort(Event.PROCESSING_ORDER));
            long released = watermark;
            waiting.removeIf(e -> e.eventTime <= released);

            Map<String, List<Event>> given = new HashMap<>();
            pending.drain(watermark, (s, events) -> given.put(s, List.copyOf(events)));

            assertThat(given).isEqualTo(expected);
            assertThat(pending.size()).isEqualTo(waiting.size());
            assertThat(pending.runs()).isLessThanOrEqualTo(PendingEvents.MAX_RUNS);
        }
        assertThat(pending.all()).containsExactlyElementsOf(waiting); // arrival order
    }

    private static int count(Map<String, List<String>> drained) {
        return drained.values().stream().mapToInt(List::size).sum();
    }
}

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
        Random r = new Random(11);
        List<Event> waiting = new ArrayList<>(); // the reference: arrival order, scanned each time
        long base = Ev.t("2026-11-11T00:00:00Z");
        long watermark = base;
        for (int round = 0; round < 200; round++) {
            for (int i = r.nextInt(40); i > 0; i--) {
                Event e =
                        Ev.order(
                                "s" + r.nextInt(9),
                                "o" + r.nextInt(30), // ids repeat: ties in SPEC §4 order
                                "x",
                                round * 1_000L + i,
                                "2026-11-11T00:00:00Z");
                e.eventTime = watermark + 1 + r.nextInt(50); // few distinct times: many ties
                pending.add(e);
                waiting.add(e);
            }
            watermark += r.nextInt(20);
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
        }
        assertThat(pending.all()).containsExactlyElementsOf(waiting); // arrival order
    }

    private static int count(Map<String, List<String>> drained) {
        return drained.values().stream().mapToInt(List::size).sum();
    }
}

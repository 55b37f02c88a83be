package com.livegmv.tools.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Deterministic synthetic input for the GMV incentive engine: realistic livestream-commerce event
 * lines (SPEC section 2) for tests, the demo and benchmarks.
 *
 * <p>Goals: the same options always give the same lines (everything is drawn from one seeded {@link
 * java.util.SplittableRandom}, with StrictMath for the few transcendental functions); exactly
 * {@code events} lines; well over half a million lines per second on one thread; memory bounded by
 * the number of streamers and one time slice of lines, never by the number of events.
 *
 * <p>What the data looks like:
 *
 * <ul>
 *   <li>Zipf-distributed popularity (s = 1.1) over streamers {@code s000000..}: a few whales take a
 *       large share of all orders, the long tail sells now and then.
 *   <li>Live sessions (mostly SHOPPING with goods; also without goods, GAMING, MUSIC, OUTDOOR);
 *       orders reference a session of their streamer started before them, or none (~10%).
 *   <li>Log-normal order amounts around 150 yuan, rare whale orders, ~1% with risk flags.
 *   <li>Refunds, partial and full, within hours or days, some right at or after settlement.
 *   <li>Registrations (mostly inside the window, some outside, some for unknown campaigns, some
 *       streamers never) and previews for most registered streamers.
 *   <li>Re-deliveries (~0.5%, verbatim, a moment later) and malformed lines of several kinds.
 *   <li>A daily rhythm with an evening peak, a festival surge inside event windows, a midnight
 *       kickoff, and a quieter tail after the last settlement.
 * </ul>
 *
 * <p>Ordering guarantee: no line's event time is more than 1.5 s before the largest event time
 * already emitted, and a session start precedes its orders (an order its refunds) both in event
 * time and in the file. See {@link GeneratorRun} for how.
 */
public final class EventGenerator {
    private static final int WRITE_BUFFER_CHARS = 1 << 16;

    private final GeneratorOptions options;

    public EventGenerator(GeneratorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Emits exactly {@code options.events()} lines (JSON objects, or malformed lines), in near
     * event-time order. Returns counts.
     */
    public GeneratorStats generate(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return new GeneratorRun(options, sink).run();
    }

    /** Writes the lines to {@code file} as JSON Lines (UTF-8, one line each, buffered). */
    public GeneratorStats writeTo(Path file) throws IOException {
        try (Writer out =
                new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                        WRITE_BUFFER_CHARS)) {
            return generate(
                    line -> {
                        try {
                            out.write(line);
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

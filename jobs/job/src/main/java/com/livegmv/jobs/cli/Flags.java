package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import com.livegmv.events.RecordDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/** Checks of flag values shared by the subcommands; each failure names the flag. */
public final class Flags {
    private Flags() {}

    public static CampaignPlan campaigns(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--campaigns: no such file: " + file);
        }
        return CampaignLoader.load(p);
    }

    public static Path inputFile(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException("--input: no such readable file: " + file);
        }
        return p;
    }

    /** Creates the directory if needed and proves it is writable. */
    public static Path outputDir(String flag, String dir) {
        Path p = Path.of(dir);
        try {
            Files.createDirectories(p);
            Path probe = Files.createTempFile(p, ".gmv-write-check", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UsageException(
                    flag
                            + ": cannot write to "
                            + dir
                            + " ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + ")");
        }
        return p;
    }

    /** "2s", "500ms", "1 min" or ISO-8601 "PT2S"; never negative. */
    public static Duration duration(String flag, String value) {
        Duration d;
        try {
            d =
                    value.startsWith("P") || value.startsWith("p")
                            ? Duration.parse(value)
                            : TimeUtils.parseDuration(value);
        } catch (RuntimeException e) {
            throw new UsageException(
                    flag + ": not a duration like 2s, 500ms or PT2S: \"" + value + "\"");
        }
        if (d.isNegative()) {
            throw new UsageException(flag + ": must not be negative: " + value);
        }
        return d;
    }

    /** At least 1s: 0 must not silently mean "no check" (SPEC §2 max_future_skew). */
    public static Duration maxFutureSkew(Duration d) {
        if (d.compareTo(RecordDecoder.MIN_FUTURE_SKEW) < 0) {
            throw new UsageException(
                    "--max-future-skew must be at least 1s (the check cannot be turned off), got "
                            + d.toMillis()
                            + "ms");
        }
        return d;
    }
}

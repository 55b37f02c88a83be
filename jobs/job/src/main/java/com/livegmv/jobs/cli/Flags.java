package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Every {@code --input}, each a readable file, none named twice (two names for one file would
     * replay its events twice under two sources).
     */
    public static List<Path> inputFiles(List<String> files) {
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            Path p = inputFile(f);
            for (Path seen : paths) {
                if (sameFile(seen, p)) {
                    throw new UsageException(
                            "--input: " + seen + " and " + f + " are the same file");
                }
            }
            paths.add(p);
        }
        return paths;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
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
}

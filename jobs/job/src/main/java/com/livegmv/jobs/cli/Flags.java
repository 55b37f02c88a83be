package com.livegmv.jobs.cli;

import com.livegmv.campaign.CampaignLoader;
import com.livegmv.campaign.CampaignPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks of the files and directories that flags name; each failure names the flag. */
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
}

package com.livegmv.jobs;

import com.livegmv.campaign.CampaignPlan;
import com.livegmv.jobs.replay.ReplayJob;
import com.livegmv.jobs.replay.ReplaySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Replays as the end-to-end tests run them: 2 s out-of-orderness, a checkpoint every 10 s. */
public final class Replays {
    private Replays() {}

    public static ReplaySettings settings(
            CampaignPlan plan, List<Path> inputs, Path out, int parallelism) {
        return settings(plan, inputs, out, parallelism, 0);
    }

    /** The same with the inputs cut into splits of about {@code splitBytes}. */
    public static ReplaySettings settings(
            CampaignPlan plan, List<Path> inputs, Path out, int parallelism, long splitBytes) {
        return ReplaySettings.of(
                plan,
                inputs,
                out,
                parallelism,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                0,
                splitBytes);
    }

    public static ReplayJob.Result run(
            CampaignPlan plan, List<Path> inputs, Path out, int parallelism) throws Exception {
        return ReplayJob.run(settings(plan, inputs, out, parallelism));
    }

    /**
     * Writes {@code lines} to {@code dir/name.jsonl} and replays them at parallelism 2 into {@code
     * dir/name}; returns that directory.
     */
    public static Path replayLines(CampaignPlan plan, List<String> lines, Path dir, String name)
            throws Exception {
        Path in = dir.resolve(name + ".jsonl");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve(name);
        run(plan, List.of(in), out, 2);
        return out;
    }
}

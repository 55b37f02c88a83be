package com.livegmv.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of the GMV jobs in one place, each with its default and description. Command line
 * flags map onto these keys ({@code --max-out-of-orderness} is {@code gmv.max-out-of-orderness}); a
 * config file may set the same keys.
 */
public final class GmvOptions {
    private GmvOptions() {}

    public static final ConfigOption<String> CAMPAIGNS =
            key("gmv.campaigns")
                    .stringType()
                    .defaultValue("config/campaigns.yaml")
                    .withDescription("The campaign plan (YAML, SPEC §3).");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            key("gmv.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "How far behind the newest event time an event may arrive and still be"
                                    + " applied in order (SPEC §4).");

    public static final ConfigOption<Integer> PARALLELISM =
            key("gmv.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Parallelism of every operator.");

    public static final ConfigOption<List<String>> INPUTS =
            key("gmv.input")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Replay: the JSON Lines input files, read in parallel.");

    public static final ConfigOption<String> OUT =
            key("gmv.out")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Replay: the directory the five JSONL outputs go to.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("gmv.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often state is checkpointed.");
}

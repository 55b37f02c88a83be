package com.livegmv.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.livegmv.events.Ids;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a campaign plan (SPEC §3) from YAML and refuses anything that breaks a rule, naming the
 * campaign and the field. Every field is required: these values decide payouts, so none of them is
 * guessed.
 */
public final class CampaignLoader {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern ID_LINE =
            Pattern.compile("^\\s*(?:-\\s*)?id:\\s*[\"']?([^\"'#]*?)[\"']?\\s*(?:#.*)?$");
    private static final Set<String> CAMPAIGN_FIELDS =
            Set.of(
                    "id",
                    "name",
                    "timezone",
                    "registration",
                    "event",
                    "settlement_grace",
                    "required_category",
                    "require_preview",
                    "clawback_instant",
                    "tiers");
    private static final Set<String> WINDOW_FIELDS = Set.of("start", "end");
    private static final Set<String> TIER_FIELDS =
            Set.of("level", "threshold_fen", "instant_reward_fen", "post_event_reward_fen");
    private static final int MAX_TIERS = 63;

    private CampaignLoader() {}

    public static CampaignPlan load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": cannot read the campaign file: not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the campaign file: " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    public static CampaignPlan parse(String yaml, String fileName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            Matcher dup = DUPLICATE.matcher(String.valueOf(e.getMessage()));
            if (dup.find()
                    && e instanceof JsonProcessingException jpe
                    && jpe.getLocation() != null) {
                int line = jpe.getLocation().getLineNr();
                throw new ConfigException(
                        fileName
                                + ": "
                                + campaignAt(yaml, line)
                                + "field '"
                                + dup.group(1)
                                + "': given twice (line "
                                + line
                                + "); which one is meant cannot be guessed");
            }
            throw new ConfigException(fileName + ": not valid YAML" + yamlProblem(e));
        }
        if (root == null || !root.isObject() || !root.has("campaigns")) {
            throw new ConfigException(fileName + ": missing field 'campaigns'");
        }
        JsonNode list = root.get("campaigns");
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(fileName + ": 'campaigns' must be a non-empty list");
        }
        if (list.size() > CampaignPlan.MAX_CAMPAIGNS) {
            throw new ConfigException(
                    fileName
                            + ": 'campaigns' has "
                            + list.size()
                            + " entries; at most "
                            + CampaignPlan.MAX_CAMPAIGNS
                            + " are supported");
        }
        List<Campaign> campaigns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = fileName + ": campaign #" + (i + 1);
            if (!node.isObject()) {
                throw new ConfigException(where + ": must be a mapping");
            }
            JsonNode idNode = node.get("id");
            if (idNode != null && idNode.isValueNode() && !idNode.asText().isEmpty()) {
                where = fileName + ": campaign " + quote(idNode.asText());
            }
            Campaign c = campaign(node, where);
            if (!ids.add(c.id())) {
                throw new ConfigException(where + ": field 'id': duplicate id");
            }
            campaigns.add(c);
        }
        return new CampaignPlan(campaigns);
    }

    /**
     * Where and what, on one line: " at line 5, column 1: could not find expected ':' (while
     * scanning a simple key from line 4, column 1)". SnakeYAML's marks are 0-based and more precise
     * than the position Jackson reports (the last token it read).
     */
    public static String yamlProblem(IOException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context =
                    m.getContext() == null
                            ? ""
                            : " ("
                                    + oneLine(m.getContext())
                                    + (m.getContextMark() == null
                                            ? ""
                                            : " from " + position(m.getContextMark()))
                                    + ")";
            return " at " + position(m.getProblemMark()) + ": " + oneLine(m.getProblem()) + context;
        }
        String what =
                e instanceof JsonProcessingException jpe
                        ? jpe.getOriginalMessage()
                        : String.valueOf(e.getMessage());
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation l = jpe.getLocation();
            return " at line "
                    + l.getLineNr()
                    + ", column "
                    + l.getColumnNr()
                    + ": "
                    + oneLine(what);
        }
        return ": " + oneLine(what);
    }

    private static String position(Mark m) {
        return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    /** "campaign \"ID\": " for the campaign whose id line last precedes {@code line}. */
    private static String campaignAt(String yaml, int line) {
        String[] lines = yaml.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher m = ID_LINE.matcher(lines[i]);
            if (m.matches()) {
                return "campaign \"" + m.group(1) + "\": ";
            }
        }
        return "";
    }

    private static Campaign campaign(JsonNode node, String where) {
        unknownFields(node, CAMPAIGN_FIELDS, where, "");
        String id = text(node, "id", where);
        String idProblem = Ids.problem(id);
        if (idProblem != null) {
            // The same rule as the campaign_id of a registration, which must be able to name it.
            throw new ConfigException(where + ": field 'id': " + idProblem);
        }
        String name = text(node, "name", where);
        String tz = text(node, "timezone", where);
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": field 'timezone': unknown time zone " + quote(tz));
        }
        long[] reg = window(node, "registration", zone, where);
        long[] event = window(node, "event", zone, where);
        String graceText = text(node, "settlement_grace", where);
        Duration grace;
        try {
            grace = Duration.parse(graceText);
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    where
                            + ": field 'settlement_grace': not an ISO-8601 duration (like P7D): "
                            + quote(graceText));
        }
        if (grace.isNegative()) {
            throw new ConfigException(where + ": field 'settlement_grace': must not be negative");
        }
        try {
            Math.addExact(event[1], grace.toMillis());
        } catch (ArithmeticException e) {
            throw new ConfigException(
                    where + ": field 'settlement_grace': too large (event.end + grace overflows)");
        }
        String category = text(node, "required_category", where);
        if (category.isEmpty()) {
            throw new ConfigException(where + ": field 'required_category': must not be empty");
        }
        boolean requirePreview = bool(node, "require_preview", where);
        boolean clawback = bool(node, "clawback_instant", where);
        List<Tier> tiers = tiers(node, where);
        return new Campaign(
                id,
                name,
                zone,
                reg[0],
                reg[1],
                event[0],
                event[1],
                grace.toMillis(),
                category,
                requirePreview,
                clawback,
                tiers);
    }

    private static long[] window(JsonNode node, String field, ZoneId zone, String where) {
        JsonNode w = node.get(field);
        if (w == null || w.isNull()) {
            throw new ConfigException(where + ": missing field '" + field + "'");
        }
        if (!w.isObject()) {
            throw new ConfigException(
                    where + ": field '" + field + "': must be a mapping with start and end");
        }
        unknownFields(w, WINDOW_FIELDS, where, field + ".");
        long start = instant(text(w, "start", where, field + "."), zone, where, field + ".start");
        long end = instant(text(w, "end", where, field + "."), zone, where, field + ".end");
        if (end <= start) {
            throw new ConfigException(
                    where + ": field '" + field + ".end': must be after " + field + ".start");
        }
        return new long[] {start, end};
    }

    /** A local date-time in the campaign's zone, or an instant with an explicit offset. */
    private static long instant(String text, ZoneId zone, String where, String field) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new ConfigException(
                        where
                                + ": field '"
                                + field
                                + "': not a date-time like 2024-12-05T00:00: "
                                + quote(text));
            }
        }
    }

    private static List<Tier> tiers(JsonNode node, String where) {
        JsonNode list = node.get("tiers");
        if (list == null || list.isNull()) {
            throw new ConfigException(where + ": missing field 'tiers'");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(where + ": field 'tiers': must be a non-empty list");
        }
        if (list.size() > MAX_TIERS) {
            throw new ConfigException(
                    where + ": field 'tiers': at most " + MAX_TIERS + " tiers are supported");
        }
        List<Tier> tiers = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String f = "tiers[" + i + "].";
            if (!t.isObject()) {
                throw new ConfigException(where + ": field 'tiers[" + i + "]': must be a mapping");
            }
            unknownFields(t, TIER_FIELDS, where, f);
            long level = integer(t, "level", where, f);
            if (level != i + 1) {
                throw new ConfigException(
                        where
                                + ": field '"
                                + f
                                + "level': levels must be 1..n in order; expected "
                                + (i + 1)
                                + ", got "
                                + level);
            }
            long threshold = integer(t, "threshold_fen", where, f);
            if (threshold < 1) {
                throw new ConfigException(where + ": field '" + f + "threshold_fen': must be >= 1");
            }
            if (threshold <= previous) {
                throw new ConfigException(
                        where
                                + ": field '"
                                + f
                                + "threshold_fen': thresholds must be strictly increasing ("
                                + threshold
                                + " <= "
                                + previous
                                + ")");
            }
            previous = threshold;
            long instant = integer(t, "instant_reward_fen", where, f);
            long post = integer(t, "post_event_reward_fen", where, f);
            if (instant < 0) {
                throw new ConfigException(
                        where + ": field '" + f + "instant_reward_fen': must be >= 0");
            }
            if (post < 0) {
                throw new ConfigException(
                        where + ": field '" + f + "post_event_reward_fen': must be >= 0");
            }
            tiers.add(new Tier((int) level, threshold, instant, post));
        }
        return tiers;
    }

    private static void unknownFields(
            JsonNode node, Set<String> known, String where, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ConfigException(
                        where + ": field '" + prefix + f + "': unknown field (a typo?)");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        return text(node, field, where, "");
    }

    private static String text(JsonNode node, String field, String where, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ConfigException(where + ": missing field '" + prefix + field + "'");
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new ConfigException(where + ": field '" + prefix + field + "': must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ConfigException(where + ": missing field '" + field + "'");
        }
        if (!v.isBoolean()) {
            throw new ConfigException(where + ": field '" + field + "': must be true or false");
        }
        return v.booleanValue();
    }

    private static long integer(JsonNode node, String field, String where, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ConfigException(where + ": missing field '" + prefix + field + "'");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ConfigException(
                    where + ": field '" + prefix + field + "': must be a whole number");
        }
        return v.longValue();
    }

    /**
     * A value from the file in double quotes, with line breaks and other control characters
     * escaped, so that a message stays one line whatever the file holds.
     */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The first line of a message, without SnakeYAML's leading and trailing white space. */
    private static String oneLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}

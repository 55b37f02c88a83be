package com.livegmv.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3339 parsing (SPEC §2) and ISO-8601 formatting, checked against an oracle: the RFC 3339 shape
 * as a regular expression, and java.time for the calendar and the value ({@code
 * OffsetDateTime.parse(s).toInstant()} truncated to milliseconds).
 */
class TimesTest {

    /** Random tests use a fixed seed so a failure can be reproduced; the seed is in the message. */
    private static final long SEED = 0x6D76_2024_1212L;

    private static final long YEAR_1970 = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_2101 = Instant.parse("2101-01-01T00:00:00Z").getEpochSecond();

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    /** RFC 3339 section 5.6 date-time, with the separators SPEC §2 allows. ASCII digits only. */
    private static final Pattern RFC_3339 =
            Pattern.compile(
                    "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
                            + "([Zz]|[+-][0-9]{2}:[0-9]{2})");

    /**
     * java.time, after cutting the fraction to 9 digits (SPEC §2 truncates precision beyond
     * milliseconds, so digits beyond nanoseconds are accepted and dropped too) and upper-casing T
     * and Z.
     */
    private static String forJavaTime(String s) {
        return s.replaceFirst("(\\.\\d{9})\\d+", "$1").toUpperCase(Locale.ROOT);
    }

    /** The oracle's value: java.time's reading, truncated (not rounded) to millis. */
    private static long oracle(String s) {
        return OffsetDateTime.parse(forJavaTime(s))
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS)
                .toEpochMilli();
    }

    /** RFC 3339's shape, and a date, time and offset java.time accepts. */
    private static boolean oracleAccepts(String s) {
        if (!RFC_3339.matcher(s).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(forJavaTime(s));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ---- parseInstant: fixed cases ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-12-05T12:15:03.120Z",
                "2024-12-05T20:15:03.120+08:00",
                "2024-12-05T06:45:03.120-05:30",
                "2024-12-05T20:15:03+08:00",
                "2024-12-05T12:15:03Z",
                "2024-12-05T12:15:03.1Z",
                "2024-12-05T12:15:03.12Z",
                "2024-12-05T12:15:03.123Z",
                "2024-12-05T12:15:03.1239Z",
                "2024-12-05T12:15:03.12399Z",
                "2024-12-05T12:15:03.123999Z",
                "2024-12-05T12:15:03.1239999Z",
                "2024-12-05T12:15:03.12399999Z",
                "2024-12-05T12:15:03.123999999Z",
                "2024-12-05T12:15:03.1239999999999999999999Z",
                "2024-12-05T23:59:59.999999999+00:00",
                "2024-12-31T23:59:59.999999999-00:00",
                "2024-02-29T00:00:00Z",
                "2000-02-29T12:00:00+14:00",
                "2024-01-01T00:00:00+18:00",
                "2024-01-01T00:00:00-18:00",
                "2024-01-01T00:00:00+17:59",
                "2024-03-01T00:30:00+00:45",
                "1970-01-01T00:00:00Z",
                "1970-01-01T08:00:00+08:00",
                "1969-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.9999Z",
                "1969-12-31T23:59:59.0001Z",
                "1900-01-01T00:00:00Z",
                "1600-02-29T00:00:00Z",
                "2100-12-31T23:59:59.999Z",
                "2262-04-11T23:47:16.854Z",
                "9999-12-31T23:59:59.999Z",
                "9999-12-31T23:59:59.999999999-18:00",
                "0001-01-01T00:00:00Z",
                "0000-01-01T00:00:00+18:00",
                "2024-12-05t12:15:03.120z",
                "2024-12-05t12:15:03.120Z",
                "2024-12-05T12:15:03z",
                "2024-12-05t20:15:03+08:00",
            })
    void parsesRfc3339LikeJavaTimeTruncatedToMillis(String s) {
        assertThat(oracleAccepts(s)).as("premise: the oracle accepts %s", s).isTrue();

        assertThat(Times.parseInstant(s)).as(s).isEqualTo(oracle(s));
        assertThat(Times.isInstant(s)).isTrue();
    }

    @Test
    void offsetsShiftTheInstantBothWays() {
        long utc = Times.parseInstant("2024-12-05T12:15:03.120Z");

        assertThat(Times.parseInstant("2024-12-05T20:15:03.120+08:00")).isEqualTo(utc);
        assertThat(Times.parseInstant("2024-12-05T06:45:03.120-05:30")).isEqualTo(utc);
        assertThat(utc).isEqualTo(Instant.parse("2024-12-05T12:15:03.120Z").toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource({
        "2024-12-05T12:15:03.120Z, 2024-12-05t12:15:03.120z",
        "2024-12-05T12:15:03Z, 2024-12-05T12:15:03z",
        "2024-12-05T20:15:03+08:00, 2024-12-05t20:15:03+08:00",
    })
    void lowerCaseTAndZMeanTheSameInstant(String upper, String lower) {
        assertThat(Times.parseInstant(lower)).isEqualTo(Times.parseInstant(upper));
    }

    @Test
    void fractionDigitsBeyondMillisAreTruncatedNotRounded() {
        long base = Instant.parse("2024-12-05T12:15:03Z").toEpochMilli();

        assertThat(Times.parseInstant("2024-12-05T12:15:03.9999999Z")).isEqualTo(base + 999);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.0009Z")).isEqualTo(base);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.5Z")).isEqualTo(base + 500);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.05Z")).isEqualTo(base + 50);
        assertThat(Times.parseInstant("2024-12-05T12:15:03." + "9".repeat(1000) + "Z"))
                .isEqualTo(base + 999);
    }

    @Test
    void truncationBefore1970GoesTowardThePast() {
        // -0.0001 s is in millisecond -1, not 0
        assertThat(Times.parseInstant("1969-12-31T23:59:59.9999Z")).isEqualTo(-1L);
        assertThat(Times.parseInstant("1969-12-31T23:59:59.999999999Z")).isEqualTo(-1L);
    }

    @Test
    void acceptsLeapDayOfALeapYear() {
        assertThat(Times.parseInstant("2024-02-29T10:00:00+08:00"))
                .isEqualTo(Instant.parse("2024-02-29T02:00:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // no such date or time
                "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2100-02-29T00:00:00Z",
                "2024-02-30T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-00-10T00:00:00Z",
                "2024-12-00T00:00:00Z",
                "2024-12-05T24:00:00Z",
                "2024-12-05T24:00:00.000+08:00",
                "2024-12-05T12:60:00Z",
                "2024-12-05T12:15:60Z",
                "2024-12-31T23:59:60Z",
                // offsets: required, ±HH:MM, at most 18 hours
                "2024-12-05T12:15:03",
                "2024-12-05T12:15:03.120",
                "2024-12-05T12:15:03+0800",
                "2024-12-05T12:15:03+8:00",
                "2024-12-05T12:15:03+08",
                "2024-12-05T12:15:03+08:00:00",
                "2024-12-05T12:15:03+08:00:30",
                "2024-12-05T12:15:03+19:00",
                "2024-12-05T12:15:03+18:01",
                "2024-12-05T12:15:03-18:30",
                "2024-12-05T12:15:03+08:60",
                "2024-12-05T12:15:03UTC",
                "2024-12-05T12:15:03GMT+08:00",
                "2024-12-05T12:15:03+08:00[Asia/Shanghai]",
                "2024-12-05T12:15:03ZZ",
                "2024-12-05T12:15:03+08:00Z",
                // separators, basic format, week and ordinal dates
                "2024-12-05 12:15:03Z",
                "2024-12-05_12:15:03Z",
                "2024-12-0512:15:03Z",
                "20241205T121503Z",
                "20241205T12:15:03Z",
                "2024-12-05T121503Z",
                "2024-12-05T121503.120+0800",
                "2024-W49-4T12:15:03Z",
                "2024W494T121503Z",
                "2024-340T12:15:03Z",
                "2024340T121503Z",
                // fractions: a dot and at least one digit
                "2024-12-05T12:15:03,120Z",
                "2024-12-05T12:15:03.Z",
                "2024-12-05T20:15:03.+08:00",
                "2024-12-05T12:15:03.12a4Z",
                // the fields themselves
                "2024-12-05T12:15Z",
                "2024-12-5T12:15:03Z",
                "24-12-05T12:15:03Z",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "+2024-12-05T12:15:03Z",
                "２０２４-12-05T12:15:03Z",
                "2024-12-05T12:15:03Z ",
                " 2024-12-05T12:15:03Z",
                "2024-12-05T12:15:03Z\n",
                "2024-12-05",
                "",
                "now",
            })
    void rejectsAnythingButRfc3339(String s) {
        assertThat(oracleAccepts(s)).as("premise: the oracle rejects %s", s).isFalse();

        assertThatThrownBy(() -> Times.parseInstant(s))
                .as(s)
                .isInstanceOf(DateTimeParseException.class);
        assertThat(Times.isInstant(s)).isFalse();
    }

    /** What java.time's ISO parser accepts and RFC 3339 does not: why Times has its own parser. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-12-05T20:15:03.120+08:00:00",
                "2024-12-05T20:15:03.120+08:00:30",
                "2024-12-05T20:15:03+08",
                "2024-12-05T12:15Z",
                "2024-12-05T20:15:03.+08:00",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
            })
    void rejectsWhatJavaTimesIsoParserAcceptsBeyondRfc3339(String s) {
        assertThat(OffsetDateTime.parse(s)).as("premise: java.time accepts %s", s).isNotNull();

        assertThatThrownBy(() -> Times.parseInstant(s))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("not of the form");
    }

    @ParameterizedTest
    @CsvSource({
        "2023-02-29T00:00:00Z, no such date",
        "2024-04-31T10:00:00+08:00, no such date",
        "2024-12-05T24:00:00Z, no such time of day",
        "2024-12-31T23:59:60Z, no such time of day",
        "2024-12-05T12:15:03+18:01, offset beyond ±18:00",
        "2024-12-05T12:15:03-23:59, offset beyond ±18:00",
        "2024-12-05T12:15:03+08:60, no such offset",
        "2024-12-05 12:15:03Z, not of the form YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±HH:MM",
    })
    void saysWhatIsWrong(String s, String problem) {
        assertThatThrownBy(() -> Times.parseInstant(s))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessage(problem);
    }

    // ---- parseInstant: randomized properties ------------------------------------------------

    /** Formats one instant in several RFC 3339 spellings, all meaning the same instant. */
    private static List<String> spellings(OffsetDateTime t, SplittableRandom r) {
        List<String> out = new ArrayList<>();
        String date =
                String.format(
                        Locale.ROOT,
                        "%04d-%02d-%02d",
                        t.getYear(),
                        t.getMonthValue(),
                        t.getDayOfMonth());
        String time =
                String.format(
                        Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        String nanos9 = String.format(Locale.ROOT, "%09d", t.getNano());
        int offset = t.getOffset().getTotalSeconds();
        String off =
                offset == 0 && r.nextBoolean()
                        ? "Z"
                        : String.format(
                                Locale.ROOT,
                                "%s%02d:%02d",
                                offset < 0 ? "-" : "+",
                                Math.abs(offset) / 3600,
                                Math.abs(offset) / 60 % 60);
        int digits = 1 + r.nextInt(9);

        out.add(date + "T" + time + off); // no fraction
        out.add(date + "T" + time + "." + nanos9.substring(0, 3) + off); // millis
        out.add(date + "T" + time + "." + nanos9 + off); // nanos
        out.add(date + "T" + time + "." + nanos9.substring(0, digits) + off); // 1..9 digits
        out.add(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)); // java's own spelling
        out.add(
                (date + "t" + time + "." + nanos9.substring(0, digits) + off)
                        .toLowerCase(Locale.ROOT));
        return out;
    }

    private static OffsetDateTime randomInstant(SplittableRandom r) {
        long second = r.nextLong(YEAR_1970, YEAR_2101);
        int nano = r.nextInt(1_000_000_000);
        // any whole-minute offset in -18:00..+18:00, with common ones more often
        int offsetMinutes;
        switch (r.nextInt(4)) {
            case 0:
                offsetMinutes = 0;
                break;
            case 1:
                offsetMinutes = 8 * 60;
                break;
            default:
                offsetMinutes = r.nextInt(-18 * 60, 18 * 60 + 1);
        }
        return Instant.ofEpochSecond(second, nano)
                .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }

    @Test
    void randomInstantsAndOffsetsParseExactlyLikeJavaTime() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 50_000; i++) {
            OffsetDateTime t = randomInstant(r);
            long expected = t.toInstant().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
            List<String> spellings = spellings(t, r);
            for (String s : spellings) {
                assertThat(oracleAccepts(s)).as("premise: %s is RFC 3339", s).isTrue();
                assertThat(Times.parseInstant(s))
                        .as("parseInstant(%s), seed %s, iteration %s", s, SEED, i)
                        .isEqualTo(oracle(s));
            }
            // the full-precision spellings denote the random instant itself
            assertThat(Times.parseInstant(spellings.get(2))).isEqualTo(expected);
            assertThat(Times.parseInstant(spellings.get(4))).isEqualTo(expected);
        }
    }

    /**
     * Strings near RFC 3339: every field drawn from a range a bit wider than valid (day 00..32,
     * hour 00..25, offset hour 00..19, ...), and now and then a separator, fraction mark, field
     * width or offset form from ISO 8601 or elsewhere that RFC 3339 does not allow. Times must
     * accept exactly what the oracle accepts and agree on the value.
     */
    @Test
    void fuzzedNearMissesAreAcceptedAndRejectedExactlyLikeTheOracle() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String s = nearRfc3339(r);

            if (oracleAccepts(s)) {
                accepted++;
                assertThat(Times.parseInstant(s))
                        .as("%s (seed %s)", s, SEED + 2)
                        .isEqualTo(oracle(s));
            } else {
                Throwable t = catchThrowable(() -> Times.parseInstant(s));
                assertThat(t)
                        .as("%s must be rejected (seed %s)", s, SEED + 2)
                        .isInstanceOf(DateTimeParseException.class);
            }
        }
        // the generator must exercise both sides
        assertThat(accepted).isBetween(20_000, 180_000);
    }

    /** One of {@code usual} most of the time, else one of {@code odd}. */
    private static String pick(SplittableRandom r, String usual, String... odd) {
        return r.nextInt(12) != 0 ? usual : odd[r.nextInt(odd.length)];
    }

    private static String nearRfc3339(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        b.append(
                pick(
                        r,
                        String.format(Locale.ROOT, "%04d", r.nextInt(0, 10_000)),
                        "+2024",
                        "-2024",
                        "12024",
                        "924"));
        b.append(pick(r, "-", "", "/", "W"));
        b.append(pick(r, String.format(Locale.ROOT, "%02d", r.nextInt(0, 14)), "1", "123"));
        b.append(pick(r, "-", "", "."));
        b.append(pick(r, String.format(Locale.ROOT, "%02d", r.nextInt(0, 33)), "5", "340"));
        b.append(pick(r, r.nextBoolean() ? "T" : "t", " ", "_", "", "TT"));
        b.append(pick(r, String.format(Locale.ROOT, "%02d", r.nextInt(0, 26)), "8"));
        b.append(pick(r, ":", "", "."));
        b.append(pick(r, String.format(Locale.ROOT, "%02d", r.nextInt(0, 62)), ""));
        b.append(pick(r, ":", "", ";"));
        b.append(pick(r, String.format(Locale.ROOT, "%02d", r.nextInt(0, 62)), "", "6"));
        if (r.nextBoolean()) {
            b.append(pick(r, ".", ","));
            int digits = r.nextInt(0, 13);
            for (int d = 0; d < digits; d++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(8)) {
            case 0 -> b.append('Z');
            case 1 -> b.append('z');
            case 2 -> b.append(pick(r, "", "UTC", "ZZ", " Z", "+08", "+0800", "+08:00:00"));
            default -> {
                b.append(r.nextBoolean() ? '+' : '-');
                b.append(String.format(Locale.ROOT, "%02d", r.nextInt(0, 20)));
                b.append(pick(r, ":", "", "."));
                b.append(String.format(Locale.ROOT, "%02d", r.nextInt(0, 62)));
            }
        }
        return b.toString();
    }

    /**
     * Instants far from the epoch: the first and last of the four-digit years, and a year whose
     * nanoseconds since the epoch no longer fit a long.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2300-01-01t00:00:00z",
                "1600-01-01t00:00:00z",
                "0000-01-01T00:00:00Z",
                "0000-01-01T00:00:00+18:00",
                "9999-12-31T23:59:59.999999999-18:00",
            })
    void parsesFarFromEpochLikeJavaTime(String s) {
        assertThat(Times.parseInstant(s)).as(s).isEqualTo(oracle(s));
    }

    @Test
    void anEventTimeCenturiesAheadDoesNotWrapIntoTheCampaign() {
        // An instant exactly 2^64 ns after 2024-12-06T00:00:00Z, spelled with a lower-case t/z.
        long target = Instant.parse("2024-12-06T00:00:00Z").toEpochMilli();
        BigInteger ns =
                BigInteger.valueOf(target)
                        .multiply(BigInteger.valueOf(1_000_000))
                        .add(BigInteger.ONE.shiftLeft(64));
        BigInteger[] sn = ns.divideAndRemainder(BigInteger.valueOf(1_000_000_000));
        Instant far = Instant.ofEpochSecond(sn[0].longValueExact(), sn[1].longValueExact());
        String s =
                far.atOffset(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toLowerCase(Locale.ROOT);

        assertThat(s).startsWith("2609-");
        assertThat(Times.parseInstant(s)).isEqualTo(oracle(s)).isNotEqualTo(target);
    }

    // ---- format -----------------------------------------------------------------------------

    @Test
    void formatsUtcWithThreeMillisecondDigits() {
        long t = OffsetDateTime.parse("2024-12-05T20:15:03.120+08:00").toInstant().toEpochMilli();

        assertThat(Times.format(t)).isEqualTo("2024-12-05T12:15:03.120Z");
    }

    @Test
    void formatsWholeSecondsAndEpochWithThreeZeroDigits() {
        assertThat(Times.format(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Times.format(Instant.parse("2024-12-13T00:00:00Z").toEpochMilli()))
                .isEqualTo("2024-12-13T00:00:00.000Z");
        assertThat(Times.format(7L)).isEqualTo("1970-01-01T00:00:00.007Z");
    }

    @Test
    void formatsInstantsBefore1970() {
        assertThat(Times.format(-1L)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Times.format(Instant.parse("1900-02-28T23:59:59.001Z").toEpochMilli()))
                .isEqualTo("1900-02-28T23:59:59.001Z");
    }

    @Test
    void formatsLeapDays() {
        assertThat(Times.format(Instant.parse("2024-02-29T12:00:00Z").toEpochMilli()))
                .isEqualTo("2024-02-29T12:00:00.000Z");
        assertThat(Times.format(Instant.parse("2000-02-29T00:00:00Z").toEpochMilli()))
                .isEqualTo("2000-02-29T00:00:00.000Z");
    }

    @Test
    void appendToAppendsAfterExistingContent() {
        StringBuilder b = new StringBuilder("at=");

        Times.appendTo(b, 1_000L);

        assertThat(b.toString()).isEqualTo("at=1970-01-01T00:00:01.000Z");
    }

    @Test
    void randomMillisFormatLikeJavaTimeAndRoundTrip() {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long ms;
            switch (r.nextInt(3)) {
                case 0: // anywhere in years 0000..9999, mostly before 1970
                    ms = r.nextLong(min, max + 1);
                    break;
                case 1: // 1900..2100
                    ms = r.nextLong(-2_208_988_800_000L, 4_133_980_800_000L);
                    break;
                default: // around the epoch and day boundaries
                    ms = r.nextLong(-3 * 86_400_000L, 3 * 86_400_000L);
            }

            String s = Times.format(ms);

            assertThat(s)
                    .as("format(%s), seed %s", ms, SEED + 3)
                    .isEqualTo(UTC_MILLIS.format(Instant.ofEpochMilli(ms)))
                    .hasSize(24)
                    .endsWith("Z");
            assertThat(Times.parseInstant(s)).as("round trip of %s", ms).isEqualTo(ms);
        }
    }

    @Test
    void formatAndParseRoundTripAtTheEdgesOfTheFourDigitYears() {
        for (String iso :
                List.of(
                        "0000-01-01T00:00:00.000Z",
                        "0000-02-29T23:59:59.999Z",
                        "1582-10-04T00:00:00.000Z",
                        "1582-10-15T00:00:00.000Z",
                        "1969-12-31T23:59:59.999Z",
                        "1970-01-01T00:00:00.000Z",
                        "9999-12-31T23:59:59.999Z")) {
            long ms = Instant.parse(iso).toEpochMilli();

            assertThat(Times.format(ms)).isEqualTo(iso);
            assertThat(Times.parseInstant(iso)).isEqualTo(ms);
        }
    }

    @Test
    void epochDayMatchesJavaTime() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        for (int i = 0; i < 50_000; i++) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(r.nextLong(-719_528, 2_932_897));
            assertThat(Times.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as("%s", d)
                    .isEqualTo(d.toEpochDay());
        }
    }
}

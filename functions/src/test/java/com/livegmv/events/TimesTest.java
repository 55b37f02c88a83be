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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ISO-8601 parsing and formatting, checked against java.time as the oracle: {@code
 * OffsetDateTime.parse(s).toInstant()} truncated to milliseconds.
 */
class TimesTest {

    /** Random tests use a fixed seed so a failure can be reproduced; the seed is in the message. */
    private static final long SEED = 0x6D76_2024_1212L;

    private static final long YEAR_1970 = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_2101 = Instant.parse("2101-01-01T00:00:00Z").getEpochSecond();

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    /** The oracle: java.time's reading of the string, truncated (not rounded) to millis. */
    /**
     * java.time, after cutting the fraction to 9 digits: SPEC §2 truncates precision beyond
     * milliseconds, so digits beyond nanoseconds are accepted and dropped too.
     */
    private static String nineDigits(String s) {
        return s.replaceFirst("(\\.\\d{9})\\d+", "$1");
    }

    private static long oracle(String s) {
        return OffsetDateTime.parse(nineDigits(s))
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS)
                .toEpochMilli();
    }

    private static boolean oracleAccepts(String s) {
        try {
            OffsetDateTime.parse(nineDigits(s));
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
                "2024-12-05T23:59:59.999999999+00:00",
                "2024-12-31T23:59:59.999999999-00:00",
                "2024-02-29T00:00:00Z",
                "2000-02-29T12:00:00+14:00",
                "2024-01-01T00:00:00+18:00",
                "2024-01-01T00:00:00-18:00",
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
                "0001-01-01T00:00:00Z",
                // shapes outside the fast path, still within 1970..2100
                "2024-12-05t12:15:03.120z",
                "2024-12-05T20:15:03.120+08:00:00",
                "2024-12-05T20:15:03.120+08:00:30",
                "2024-12-05T20:15:03.+08:00",
                "2024-12-05T20:15:03+08",
                "2024-12-05T12:15Z",
            })
    void parsesLikeJavaTimeTruncatedToMillis(String s) {
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

    @Test
    void fractionDigitsBeyondMillisAreTruncatedNotRounded() {
        long base = Instant.parse("2024-12-05T12:15:03Z").toEpochMilli();

        assertThat(Times.parseInstant("2024-12-05T12:15:03.9999999Z")).isEqualTo(base + 999);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.0009Z")).isEqualTo(base);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.5Z")).isEqualTo(base + 500);
        assertThat(Times.parseInstant("2024-12-05T12:15:03.05Z")).isEqualTo(base + 50);
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
                "2024-12-05T12:15:03",
                "2024-12-05T12:15:03.120",
                "2024-12-05T12:15:03+0800",
                "2024-12-05T12:15:03+8:00",
                "2024-12-05T12:15:03+19:00",
                "2024-12-05T12:15:03+18:01",
                "2024-12-05T12:15:03+08:60",
                "2024-12-05T12:15:03ZZ",
                "2024-12-05T12:15:03Z ",
                " 2024-12-05T12:15:03Z",
                "2024-12-05 12:15:03Z",
                "2024-12-5T12:15:03Z",
                "24-12-05T12:15:03Z",
                "2024-12-05T12:15:03.12a4Z",
                "2024-12-05T12:15:03,120Z",
                "2024-12-05T12:15:03UTC",
                "2024-12-05T12:15:03+08:00[Asia/Shanghai]",
                "２０２４-12-05T12:15:03Z",
                "2024-12-05",
                "",
                "now",
            })
    void rejectsWhatJavaTimeRejects(String s) {
        assertThat(oracleAccepts(s)).as("premise: java.time rejects %s", s).isFalse();

        assertThatThrownBy(() -> Times.parseInstant(s))
                .as(s)
                .isInstanceOf(DateTimeParseException.class);
        assertThat(Times.isInstant(s)).isFalse();
    }

    @Test
    void rejectsInvalidLeapDayWithDateTimeParseException() {
        assertThatThrownBy(() -> Times.parseInstant("2023-02-29T00:00:00Z"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void rejectsHour24() {
        assertThatThrownBy(() -> Times.parseInstant("2024-12-05T24:00:00Z"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void rejectsInstantWithoutOffset() {
        assertThatThrownBy(() -> Times.parseInstant("2024-12-05T20:15:03.120"))
                .isInstanceOf(DateTimeParseException.class);
    }

    // ---- parseInstant: randomized properties ------------------------------------------------

    /** Formats one instant in several ISO-8601 spellings, all meaning the same instant. */
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
                assertThat(Times.parseInstant(s))
                        .as("parseInstant(%s), seed %s, iteration %s", s, SEED, i)
                        .isEqualTo(oracle(s));
            }
            // the full-precision spellings denote the random instant itself
            assertThat(Times.parseInstant(spellings.get(2))).isEqualTo(expected);
            assertThat(Times.parseInstant(spellings.get(4))).isEqualTo(expected);
        }
    }

    @Test
    void fastPathHandlesTheCommonShapeAndAgreesWithJavaTime() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 50_000; i++) {
            OffsetDateTime t = randomInstant(r);
            // only the first four spellings are the fast path's shape
            for (String s : spellings(t, r).subList(0, 4)) {
                assertThat(Times.parseFast(s))
                        .as("parseFast(%s), seed %s, iteration %s", s, SEED + 1, i)
                        .isEqualTo(oracle(s));
            }
        }
    }

    /**
     * Strings of the fast path's shape with every field drawn from a range a bit wider than valid
     * (day 00..39, hour 00..29, offset hour 00..19, ...): Times must accept exactly what java.time
     * accepts and agree on the value.
     */
    @Test
    void fuzzedFieldsAreAcceptedAndRejectedExactlyLikeJavaTime() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%04d", r.nextInt(1900, 2200)));
            b.append(String.format(Locale.ROOT, "-%02d", r.nextInt(0, 14)));
            b.append(String.format(Locale.ROOT, "-%02d", r.nextInt(0, 33)));
            b.append(String.format(Locale.ROOT, "T%02d", r.nextInt(0, 26)));
            b.append(String.format(Locale.ROOT, ":%02d", r.nextInt(0, 62)));
            b.append(String.format(Locale.ROOT, ":%02d", r.nextInt(0, 62)));
            if (r.nextBoolean()) {
                int digits = r.nextInt(0, 11);
                b.append('.');
                for (int d = 0; d < digits; d++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
            }
            if (r.nextInt(3) == 0) {
                b.append('Z');
            } else {
                b.append(r.nextBoolean() ? '+' : '-');
                b.append(
                        String.format(
                                Locale.ROOT, "%02d:%02d", r.nextInt(0, 20), r.nextInt(0, 62)));
            }
            String s = b.toString();

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
        assertThat(accepted).isBetween(10_000, 90_000);
    }

    /**
     * Far-future instants outside the fast path's shape (here: a lower-case {@code t}/{@code z},
     * which java.time accepts) go through the java.time fallback, which multiplies epoch seconds by
     * 10^9 in a long and overflows beyond 2262-04-11.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2300-01-01t00:00:00z",
                "2300-01-01T00:00:00.Z",
                "2300-01-01T00:00:00+08:00:30",
                "1600-01-01t00:00:00z",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
            })
    void parsesFarFromEpochLikeJavaTimeOutsideTheFastPath(String s) {
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

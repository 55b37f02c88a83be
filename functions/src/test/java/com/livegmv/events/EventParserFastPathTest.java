package com.livegmv.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast scanner must never change an outcome: for valid records, their near misses and random
 * mutations, {@link EventParser#parse} (fast path, Jackson when it gives up) and the Jackson-only
 * reference accept the same records with the same fields and reject the rest with the same reason
 * and detail.
 */
class EventParserFastPathTest {
    static final List<String> VALID =
            List.of(
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00.123Z\",\"streamer_id\":\"s000042\",\"order_id\":\"o1\",\"session_id\":\"live-1\",\"merchant_id\":\"m7\",\"amount_fen\":15990,\"currency\":\"CNY\",\"risk_flags\":[]}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T18:00:00+08:00\",\"streamer_id\":\"s1\",\"order_id\":\"o2\",\"session_id\":null,\"amount_fen\":100000000000,\"currency\":\"CNY\",\"risk_flags\":[\"VELOCITY\", \"NEW_DEVICE\"]}",
                    "{ \"type\" : \"ORDER_REFUNDED\" , \"event_time\" : \"2024-12-13T00:00:00Z\" , \"streamer_id\" : \"s1\" , \"refund_id\" : \"r1\" , \"order_id\" : \"o1\" , \"amount_fen\" : 500 }\n",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s000042\",\"session_id\":\"live-1\",\"category\":\"SHOPPING\",\"with_goods\":true}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s2\",\"session_id\":\"live-2\",\"category\":\"GAMING\",\"with_goods\":false}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"1212-2024\",\"role\":\"CREATOR\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2024-12-12T20:00:00+08:00\"}",
                    "\t{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s3\",\"order_id\":\"o3\",\"amount_fen\":1,\"currency\":\"CNY\",\"risk_flags\":null}\r\n",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12t18:00:00.123456789+18:00\",\"streamer_id\":\"s1\",\"order_id\":\"o4\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00z\",\"streamer_id\":\"s1\",\"campaign_id\":\"1212-2024\",\"role\":\"MERCHANT\",\"currency\":\"USD\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00-18:00\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"9999-12-12t20:00:00z\"}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s2\",\"session_id\":\"live-2\",\"category\":\"GAMING\",\"with_goods\":false,\"currency\":null}\r");

    /**
     * Near misses: each must be decided exactly as Jackson decides it. Among them every rule SPEC
     * §2 amended: optional fields' values, currency as an extra field, RFC 3339 times, ids in code
     * points, a \r that is part of the record.
     */
    static final List<String> NEAR =
            List.of(
                    "{}",
                    "{\"type\":\"ORDER_PAID\",\"type\":\"ORDER_PAID\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":0,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":012,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":12.5,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1e3,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":-5,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":99999999999999999999,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":123456789012345678,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":\"100\",\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\\u0041\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"USD\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"risk_flags\":[1]}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"extra\":{\"a\":[1,2]}}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s\",\"session_id\":\"x\",\"category\":\"SHOPPING\",\"with_goods\":\"yes\"}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s\",\"session_id\":\"x\",\"category\":\"SHOPPING\",\"with_goods\":truex}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"not a time\",\"streamer_id\":\"s\",\"session_id\":\"x\",\"category\":\"SHOPPING\",\"with_goods\":null}",
                    "{\"type\":\"NOPE\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"} x",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"",
                    "{\"type\":\"REGISTRATION\" \"event_time\":\"2024-11-30T00:00:00Z\"}",
                    "[1]",
                    "",
                    "   ",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s\u00e9\",\"campaign_id\":\"c\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s\tx\",\"campaign_id\":\"c\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":5}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":\"merchant\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":\"ADMIN\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":\"\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":5}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":null}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"role\":[\"CREATOR\"]}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2024-12-12 20:00:00+08:00\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2024-12-12T20:00:00+19:00\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2024-W50-4T20:00:00Z\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":null}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2024-12-12T20:00Z\"}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"scheduled_start\":\"2204-12-12T20:00:00+08:00\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"merchant_id\":\"\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"session_id\":\"\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"session_id\":5}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"merchant_id\":[\"m\"]}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"merchant_id\":\"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"session_id\":\"llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"risk_flags\":[null]}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"risk_flags\":[\"a\",1]}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\",\"risk_flags\":\"a\"}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s\",\"session_id\":\"x\",\"category\":\"SHOPPING\",\"with_goods\":true,\"currency\":\"USD\"}",
                    "{\"type\":\"LIVE_SESSION_STARTED\",\"event_time\":\"2024-12-12T09:59:00Z\",\"streamer_id\":\"s\",\"session_id\":\"x\",\"category\":\"SHOPPING\",\"with_goods\":true,\"currency\":5}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\",\"currency\":[]}",
                    "{\"type\":\"PREVIEW_PUBLISHED\",\"event_time\":\"2024-12-01T08:00:00Z\",\"streamer_id\":\"s1\",\"preview_id\":\"p1\",\"currency\":{\"c\":1}}",
                    "{\"type\":\"ORDER_REFUNDED\",\"event_time\":\"2024-12-13T00:00:00Z\",\"streamer_id\":\"s1\",\"refund_id\":\"r1\",\"order_id\":\"o1\",\"amount_fen\":500,\"currency\":\"USD\"}",
                    "{\"type\":\"ORDER_REFUNDED\",\"event_time\":\"2024-12-13T00:00:00Z\",\"streamer_id\":\"s1\",\"refund_id\":\"r1\",\"order_id\":\"o1\",\"amount_fen\":500,\"currency\":7}",
                    "{\"type\":\"ORDER_REFUNDED\",\"event_time\":\"2024-12-13T00:00:00Z\",\"streamer_id\":\"s1\",\"refund_id\":\"r1\",\"order_id\":\"o1\",\"amount_fen\":500,\"currency\":null}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12 10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00,5Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"20241212T100000Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-W50-4T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-347T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12t10:00:00z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00+18:00\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00-18:01\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00+08:00:00\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-31T23:59:60Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00.Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"+10000-01-01T00:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2204-12-12T10:00:00Z\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"ORDER_PAID\",\"event_time\":\"2024-12-12T10:00:00+08\",\"streamer_id\":\"s\",\"order_id\":\"o\",\"amount_fen\":1,\"currency\":\"CNY\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\\ud83c\\udf89\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}\r\r",
                    "\r{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}\r{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}",
                    "\r",
                    "\r\n",
                    "{\"type\":\"REGISTRATION\",\"event_time\":\"2024-11-30T00:00:00Z\r\",\"streamer_id\":\"s1\",\"campaign_id\":\"c\"}");

    private static final byte[] ALPHABET =
            "{}[]\":,0123456789abcdefnulltrue \t\n\r\\-.eE+/xZTzW"
                    .getBytes(StandardCharsets.US_ASCII);

    /** The outcome as comparable text: the event's fields, or the rejection. */
    private static String outcome(byte[] b, boolean reference) {
        try {
            Event e =
                    reference
                            ? EventParser.parseReference(b, 0, b.length)
                            : EventParser.parse(b, 0, b.length);
            return "OK "
                    + e.type
                    + "|"
                    + e.eventTime
                    + "|"
                    + e.streamerId
                    + "|"
                    + e.key
                    + "|"
                    + e.sessionId
                    + "|"
                    + e.orderId
                    + "|"
                    + e.category
                    + "|"
                    + e.withGoods
                    + "|"
                    + e.amountFen
                    + "|"
                    + e.risky;
        } catch (InvalidEventException ex) {
            return "REJECT " + ex.reason() + " " + ex.detail();
        }
    }

    private static void assertSameOutcome(byte[] b) {
        assertThat(outcome(b, false))
                .as(new String(b, StandardCharsets.ISO_8859_1))
                .isEqualTo(outcome(b, true));
    }

    @Test
    void validRecordsTakeTheFastPathAndParseAsBefore() {
        for (String s : VALID) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(FastScan.scan(b, 0, b.length)).as(s).isNotNull();
            assertThat(outcome(b, false)).as(s).startsWith("OK ");
            assertSameOutcome(b);
        }
    }

    @Test
    void nearMissesAreDecidedExactlyAsJacksonDecidesThem() {
        for (String s : NEAR) {
            assertSameOutcome(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomMutationsNeverChangeAnOutcome() {
        SplittableRandom rng = new SplittableRandom(20241212);
        List<String> all = new ArrayList<>(VALID);
        all.addAll(NEAR);
        int fast = 0;
        for (int round = 0; round < 40_000; round++) {
            byte[] b = all.get(rng.nextInt(all.size())).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + rng.nextInt(3);
            for (int k = 0; k < edits && b.length > 0; k++) {
                int at = rng.nextInt(b.length);
                switch (rng.nextInt(4)) {
                    case 0 -> b[at] = ALPHABET[rng.nextInt(ALPHABET.length)];
                    case 1 -> b = splice(b, at, 1, new byte[0]);
                    case 2 ->
                            b =
                                    splice(
                                            b,
                                            at,
                                            0,
                                            new byte[] {ALPHABET[rng.nextInt(ALPHABET.length)]});
                    default -> {
                        int n = Math.min(b.length - at, 1 + rng.nextInt(12));
                        byte[] copy = java.util.Arrays.copyOfRange(b, at, at + n);
                        b = splice(b, rng.nextInt(b.length), 0, copy);
                    }
                }
            }
            if (FastScan.scan(b, 0, b.length) != null) {
                fast++;
            }
            assertSameOutcome(b);
        }
        // The mutations must exercise the fast path too, not only Jackson.
        assertThat(fast).isGreaterThan(1_000);
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}

package com.livegmv.engine;

import com.livegmv.events.Event;
import com.livegmv.events.EventType;
import com.livegmv.events.Times;

/** Builds events for tests: times are ISO-8601 instants, amounts are fen. */
final class Ev {
    private Ev() {}

    static long t(String iso) {
        return Times.parseInstant(iso);
    }

    private static Event base(EventType type, String streamer, String key, String time) {
        Event e = new Event();
        e.type = type;
        e.streamerId = streamer;
        e.key = key;
        e.eventTime = t(time);
        e.origin = "test";
        e.position = 0;
        return e;
    }

    static Event session(
            String streamer, String session, String category, boolean goods, String time) {
        Event e = base(EventType.LIVE_SESSION_STARTED, streamer, session, time);
        e.category = category;
        e.withGoods = goods;
        return e;
    }

    static Event registration(String streamer, String campaign, String time) {
        return base(EventType.REGISTRATION, streamer, campaign, time);
    }

    static Event preview(String streamer, String preview, String time) {
        return base(EventType.PREVIEW_PUBLISHED, streamer, preview, time);
    }

    static Event order(String streamer, String order, String session, long fen, String time) {
        Event e = base(EventType.ORDER_PAID, streamer, order, time);
        e.sessionId = session;
        e.amountFen = fen;
        return e;
    }

    static Event riskyOrder(String streamer, String order, String session, long fen, String time) {
        Event e = order(streamer, order, session, fen, time);
        e.risky = true;
        return e;
    }

    static Event refund(String streamer, String refund, String order, long fen, String time) {
        Event e = base(EventType.ORDER_REFUNDED, streamer, refund, time);
        e.orderId = order;
        e.amountFen = fen;
        return e;
    }
}

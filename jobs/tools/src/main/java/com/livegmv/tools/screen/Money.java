package com.livegmv.tools.screen;

import java.util.Locale;

/** Fen as yuan, the one way the demo and the festival screen print money. */
public final class Money {
    private Money() {}

    /**
     * Yuan with thousands separators and two decimals ({@code 72,875,187.26}), in integer
     * arithmetic and the same in every locale.
     */
    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long a = Math.abs(fen);
        return String.format(Locale.ROOT, "%s%,d.%02d", sign, a / 100, a % 100);
    }
}

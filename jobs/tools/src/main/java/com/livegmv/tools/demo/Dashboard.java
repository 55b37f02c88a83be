package com.livegmv.tools.demo;

import static com.livegmv.output.Money.yuan;

import com.livegmv.tools.db.Query;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's live view, read from the same PostgreSQL tables analysts query: events in and per
 * second, grants out, and the leading streamers with their progress to the next tier. Redraws in
 * place on a terminal; prints one line every few seconds otherwise.
 */
public final class Dashboard {
    private final PrintStream out;
    private final boolean terminal;
    private final String screenUrl;
    private String campaignId;
    private long lastSent = -1;
    private long lastNanos;
    private int ticks;

    Dashboard(PrintStream out, boolean terminal, String campaignId, String screenUrl) {
        this.out = out;
        this.terminal = terminal;
        this.campaignId = campaignId;
        this.screenUrl = screenUrl;
    }

    /** What the output tables hold so far. */
    public record Counts(
            long instant,
            long postEvent,
            long clawback,
            long rewardFen,
            long settled,
            long rejected,
            long late) {}

    record Leader(String streamer, long gmvFen, int tier, Long nextFen, boolean eligible) {}

    public static Counts counts(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT (SELECT count(*) FROM incentive_grant WHERE kind = 'INSTANT'),"
                                        + " (SELECT count(*) FROM incentive_grant WHERE kind = 'POST_EVENT'),"
                                        + " (SELECT count(*) FROM incentive_grant WHERE kind = 'CLAWBACK'),"
                                        + " (SELECT coalesce(sum(reward_fen), 0) FROM incentive_grant),"
                                        + " (SELECT count(*) FROM campaign_settlement),"
                                        + " (SELECT count(*) FROM rejected_event),"
                                        + " (SELECT count(*) FROM late_event)")) {
            rs.next();
            return new Counts(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7));
        }
    }

    /** Shows another campaign's leaders from now on. */
    void campaign(String id) {
        campaignId = id;
    }

    /** The top streamers of the campaign, one line each. */
    String leaderLines(Connection c) throws SQLException {
        StringBuilder b = new StringBuilder();
        for (Leader l : leaders(c)) {
            b.append(
                    String.format(
                            "    %-10s %16s yuan  tier %d  %s %s%n",
                            l.streamer(),
                            yuan(l.gmvFen()),
                            l.tier(),
                            bar(l),
                            l.eligible() ? "" : "(not eligible)"));
        }
        return b.toString();
    }

    List<Leader> leaders(Connection c) throws SQLException {
        List<Leader> l = new ArrayList<>();
        Query.forEachRow(
                c,
                "SELECT streamer_id, gmv_fen, current_tier, next_threshold_fen, eligible"
                        + " FROM streamer_progress WHERE campaign_id = ?"
                        + " ORDER BY gmv_fen DESC, streamer_id LIMIT 5",
                campaignId,
                rs ->
                        l.add(
                                new Leader(
                                        rs.getString(1),
                                        rs.getLong(2),
                                        rs.getInt(3),
                                        Query.nullableLong(rs, 4),
                                        rs.getBoolean(5))));
        return l;
    }

    void show(String phase, long elapsedMillis, long sent, long consumed, Connection c)
            throws SQLException {
        long now = System.nanoTime();
        long rate = 0;
        if (lastSent >= 0 && now > lastNanos) {
            rate = (sent - lastSent) * 1_000_000_000L / (now - lastNanos);
        }
        lastSent = sent;
        lastNanos = now;
        Counts k = counts(c);
        if (!terminal) {
            if (ticks++ % 5 == 0) {
                out.printf(
                        "[%3ds] %s: sent %,d (%,d/s), consumed %,d; grants %,d instant, %,d post-event, %,d clawback; %,d settled; %,d rejected, %,d late/unapplied%n",
                        elapsedMillis / 1000,
                        phase,
                        sent,
                        rate,
                        consumed,
                        k.instant(),
                        k.postEvent(),
                        k.clawback(),
                        k.settled(),
                        k.rejected(),
                        k.late());
            }
            return;
        }
        StringBuilder b = new StringBuilder("\033[H\033[2J");
        b.append(
                String.format(
                        "gmv demo  %s  %3ds    festival screen: %s%n%n",
                        phase, elapsedMillis / 1000, screenUrl));
        b.append(
                String.format(
                        "  events in     %,12d   %,9d/s   (read by the job: %,d)%n",
                        sent, rate, consumed));
        b.append(
                String.format(
                        "  grants out    %,12d instant   %,d post-event   %,d clawback   net %s yuan%n",
                        k.instant(), k.postEvent(), k.clawback(), yuan(k.rewardFen())));
        b.append(
                String.format(
                        "  settlements   %,12d        rejected %,d   late/unapplied %,d%n%n",
                        k.settled(), k.rejected(), k.late()));
        b.append(String.format("  top streamers of %s%n", campaignId));
        b.append(leaderLines(c));
        out.print(b);
        out.flush();
    }

    /** Progress toward the next tier as a bar; full at the top tier. */
    static String bar(Leader l) {
        int width = 20;
        int filled =
                l.nextFen() == null
                        ? width
                        : (int) Math.min(width, l.gmvFen() * width / l.nextFen());
        String pct =
                l.nextFen() == null
                        ? "top tier"
                        : (l.gmvFen() * 100 / l.nextFen()) + "% of tier " + (l.tier() + 1);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + pct;
    }
}

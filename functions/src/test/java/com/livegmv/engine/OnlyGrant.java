package com.livegmv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.livegmv.output.Grant;
import java.util.List;

/** The engine's tests and the ledger's check the same rules: one grant, and the event behind it. */
final class OnlyGrant {
    private OnlyGrant() {}

    /** Asserts there is exactly one grant and which event triggered it; returns it. */
    static Grant triggeredBy(List<Grant> grants, String triggerType, String triggerId) {
        assertThat(grants).hasSize(1);
        Grant g = grants.get(0);
        assertThat(g.triggerType).isEqualTo(triggerType);
        assertThat(g.triggerId).isEqualTo(triggerId);
        return g;
    }
}

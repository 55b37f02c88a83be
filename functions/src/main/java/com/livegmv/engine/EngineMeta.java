package com.livegmv.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What each subtask of the engine writes to operator state at a checkpoint besides its waiting
 * events: its watermark and the campaign slots (the same on every subtask).
 */
@TypeInfo(StateSerializers.EngineMetaSnapshot.class)
public final class EngineMeta {
    public long watermark = Long.MIN_VALUE;

    /** By slot; null for a free slot. */
    public List<CampaignSlots.Slot> slots = new ArrayList<>();

    public EngineMeta() {}

    public EngineMeta(long watermark, List<CampaignSlots.Slot> slots) {
        this.watermark = watermark;
        this.slots = slots;
    }
}

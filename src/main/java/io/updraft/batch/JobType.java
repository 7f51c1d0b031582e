package io.updraft.batch;

/** {@code VERFIY_FIRMWARE} is Alibaba's spelling on the wire (sic). */
public enum JobType {
    VERIFY("VERFIY_FIRMWARE"), UPGRADE("UPGRADE_FIRMWARE");

    private final String wire;

    JobType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static JobType ofWire(String wire) {
        for (JobType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException(wire);
    }
}

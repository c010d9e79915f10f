package io.dianxiaoer.device.idcard;

/** The reader answered with a status word other than the one the step needs. */
public final class SamStatusException extends SamProtocolException {
    private final int sw3;

    public SamStatusException(SamCommand command, int sw3) {
        super(command + " answered " + SamStatus.of(sw3).map(s -> s.english() + String.format(" (%02X)", sw3))
                .orElse(String.format("unknown status %02X", sw3)));
        this.sw3 = sw3;
    }

    public int sw3() {
        return sw3;
    }

    public java.util.Optional<SamStatus> status() {
        return SamStatus.of(sw3);
    }
}

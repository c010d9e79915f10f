package io.dianxiaoer.device.idcard;

/** The commands of the SAM module: {@code CMD PARA}. */
public enum SamCommand {
    RESET_SAM(0x10, 0xFF),
    SAM_STATUS(0x11, 0xFF),
    READ_SAM_ID(0x12, 0xFF),
    FIND_CARD(0x20, 0x01),
    SELECT_CARD(0x20, 0x02),
    READ_TEXT_PHOTO(0x30, 0x01),
    READ_APPENDED_ADDRESS(0x30, 0x03),
    READ_TEXT_PHOTO_FINGERPRINT(0x30, 0x10);

    private final int cmd;
    private final int para;

    SamCommand(int cmd, int para) {
        this.cmd = cmd;
        this.para = para;
    }

    public int cmd() {
        return cmd;
    }

    public int para() {
        return para;
    }

    /** The command body, ready for {@link SamFrames#encode}. */
    public byte[] body() {
        return new byte[] {(byte) cmd, (byte) para};
    }

    /** The command a body carries, if it is one we know. */
    public static java.util.Optional<SamCommand> of(int cmd, int para) {
        for (SamCommand c : values()) {
            if (c.cmd == cmd && c.para == para) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}

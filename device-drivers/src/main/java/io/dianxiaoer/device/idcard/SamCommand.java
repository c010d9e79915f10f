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
    READ_TEXT_PHOTO_FINGERPRINT(0x30, 0x10),
    /** Serial speed of the module: 60 00..04 for 115200, 57600, 38400, 19200, 9600 (vendor SDK convention). */
    SET_BAUD_115200(0x60, 0x00),
    SET_BAUD_57600(0x60, 0x01),
    SET_BAUD_38400(0x60, 0x02),
    SET_BAUD_19200(0x60, 0x03),
    SET_BAUD_9600(0x60, 0x04);

    /** The command that switches the module to {@code baud}. */
    public static SamCommand setBaudRate(int baud) {
        return switch (baud) {
            case 115200 -> SET_BAUD_115200;
            case 57600 -> SET_BAUD_57600;
            case 38400 -> SET_BAUD_38400;
            case 19200 -> SET_BAUD_19200;
            case 9600 -> SET_BAUD_9600;
            default -> throw new IllegalArgumentException("the SAM module supports 115200, 57600, 38400, 19200 "
                    + "and 9600 baud, not " + baud);
        };
    }

    /** The speed a SET_BAUD command selects. */
    public int baudRate() {
        return switch (this) {
            case SET_BAUD_115200 -> 115200;
            case SET_BAUD_57600 -> 57600;
            case SET_BAUD_38400 -> 38400;
            case SET_BAUD_19200 -> 19200;
            case SET_BAUD_9600 -> 9600;
            default -> throw new IllegalStateException(this + " does not set a baud rate");
        };
    }

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

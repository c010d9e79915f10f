package io.dianxiaoer.device.idcard;

import java.util.Optional;

/** The SW3 status words of the SAM module, each with its meaning in plain words. */
public enum SamStatus {
    SUCCESS(0x90, "操作成功", "success"),
    CARD_FOUND(0x9F, "找到卡片", "card found"),
    FIND_FAILED(0x80, "未找到卡片", "no card on the reader"),
    SELECT_FAILED(0x81, "选卡失败", "could not select the card"),
    READ_FAILED(0x41, "读卡失败，请重新放置证件", "reading failed, place the card again"),
    UNSUPPORTED_CARD(0x40, "不支持此类卡片", "this kind of card is not supported"),
    CHECKSUM_ERROR(0x10, "读卡器收到的数据校验和错误", "the reader received a frame with a bad checksum"),
    LENGTH_ERROR(0x11, "读卡器收到的数据长度错误", "the reader received a frame with a bad length"),
    BAD_COMMAND(0x21, "读卡器不支持此命令", "the reader does not know this command"),
    AUTH_ERROR_1(0x31, "卡片认证失败", "card authentication failed (31)"),
    AUTH_ERROR_2(0x32, "卡片认证失败", "card authentication failed (32)"),
    AUTH_ERROR_3(0x33, "卡片认证失败", "card authentication failed (33)"),
    SELF_TEST_FAILED(0x60, "读卡器自检失败，请联系工作人员", "reader self-test failed, call staff"),
    NOT_AUTHORISED(0x66, "读卡器未授权，请联系工作人员", "reader not authorised, call staff");

    private final int code;
    private final String chinese;
    private final String english;

    SamStatus(int code, String chinese, String english) {
        this.code = code;
        this.chinese = chinese;
        this.english = english;
    }

    public int code() {
        return code;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** What a status word means for the kiosk. */
    public enum Outcome {
        /** The step worked. */
        OK,
        /** No card, or the card moved: keep polling, perhaps tell the citizen to hold still. */
        NO_CARD_OR_MOVED,
        /** The card is not one this reader reads. */
        CARD_UNSUPPORTED,
        /** The card failed authentication: damaged, or not genuine. */
        CARD_NOT_AUTHENTIC,
        /** The reader did not understand us: a protocol or line problem, counted and retried. */
        LINK_ERROR,
        /** The reader itself is broken or not licensed: needs a technician. */
        READER_FAULT
    }

    public Outcome outcome() {
        return switch (this) {
            case SUCCESS, CARD_FOUND -> Outcome.OK;
            case FIND_FAILED, SELECT_FAILED, READ_FAILED -> Outcome.NO_CARD_OR_MOVED;
            case UNSUPPORTED_CARD -> Outcome.CARD_UNSUPPORTED;
            case AUTH_ERROR_1, AUTH_ERROR_2, AUTH_ERROR_3 -> Outcome.CARD_NOT_AUTHENTIC;
            case CHECKSUM_ERROR, LENGTH_ERROR, BAD_COMMAND -> Outcome.LINK_ERROR;
            case SELF_TEST_FAILED, NOT_AUTHORISED -> Outcome.READER_FAULT;
        };
    }

    /** Whether this word means the reader itself is broken, not the card or the citizen. */
    public boolean isReaderFault() {
        return outcome() == Outcome.READER_FAULT;
    }

    public static Optional<SamStatus> of(int sw3) {
        for (SamStatus s : values()) {
            if (s.code == (sw3 & 0xFF)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

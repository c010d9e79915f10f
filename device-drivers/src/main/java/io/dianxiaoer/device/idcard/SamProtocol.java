package io.dianxiaoer.device.idcard;

/**
 * Every wire constant of the GA/T 467 SAM reader protocol, in one place.
 *
 * <p>Frame (both directions): {@code AA AA AA 96 69 | LEN_HI LEN_LO | body | CHK}. LEN counts
 * every byte after the two length bytes, the checksum included; CHK is the XOR of the length
 * bytes and the body. See {@code shared/design/protocols.md}.
 */
public final class SamProtocol {

    private SamProtocol() {
    }

    static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69};
    public static final int HEADER_LENGTH = PREAMBLE.length + 2;
    /** A command body is at least CMD PARA; with the checksum, LEN ≥ 3. */
    public static final int MIN_LEN = 3;
    /** The longest reply, text + photo + fingerprint, has LEN 0x090A; leave room, refuse anything absurd. */
    public static final int MAX_LEN = 0x0A00;

    public static final int TEXT_LENGTH = 256;
    public static final int PHOTO_LENGTH = 1024;
    public static final int FINGERPRINT_LENGTH = 1024;
    public static final int APPENDED_ADDRESS_LENGTH = 70;

    /** Byte offsets and lengths of the resident-ID text block (UTF-16LE, space padded). */
    public static final class ResidentText {
        private ResidentText() {
        }

        public static final int NAME = 0;
        public static final int NAME_LEN = 30;
        public static final int GENDER = 30;
        public static final int GENDER_LEN = 2;
        public static final int NATION = 32;
        public static final int NATION_LEN = 4;
        public static final int BIRTH = 36;
        public static final int BIRTH_LEN = 16;
        public static final int ADDRESS = 52;
        public static final int ADDRESS_LEN = 70;
        public static final int ID_NUMBER = 122;
        public static final int ID_NUMBER_LEN = 36;
        public static final int AUTHORITY = 158;
        public static final int AUTHORITY_LEN = 30;
        public static final int VALID_FROM = 188;
        public static final int VALID_FROM_LEN = 16;
        public static final int VALID_TO = 204;
        public static final int VALID_TO_LEN = 16;
        public static final int TYPE_FLAG = 248;
        public static final int TYPE_FLAG_LEN = 2;
        /** How a card valid for life says so in the valid-to field. */
        public static final String LONG_TERM = "长期";
    }

    /** 港澳台居民居住证 (flag J): the resident layout, with pass number and issue count after valid-to. */
    public static final class HmtPermitText {
        private HmtPermitText() {
        }

        public static final int PASS_NUMBER = 220;
        public static final int PASS_NUMBER_LEN = 18;
        public static final int ISSUE_COUNT = 238;
        public static final int ISSUE_COUNT_LEN = 4;
        public static final String FLAG = "J";
    }

    /** 外国人永久居留身份证, 2017 layout (flag I). */
    public static final class Foreigner2017Text {
        private Foreigner2017Text() {
        }

        public static final int ENGLISH_NAME = 0;
        public static final int ENGLISH_NAME_LEN = 120;
        public static final int GENDER = 120;
        public static final int GENDER_LEN = 2;
        public static final int CARD_NUMBER = 122;
        public static final int CARD_NUMBER_LEN = 30;
        public static final int NATIONALITY = 152;
        public static final int NATIONALITY_LEN = 6;
        public static final int CHINESE_NAME = 158;
        public static final int CHINESE_NAME_LEN = 30;
        public static final int VALID_FROM = 188;
        public static final int VALID_FROM_LEN = 16;
        public static final int VALID_TO = 204;
        public static final int VALID_TO_LEN = 16;
        public static final int BIRTH = 220;
        public static final int BIRTH_LEN = 16;
        public static final int CARD_VERSION = 236;
        public static final int CARD_VERSION_LEN = 4;
        public static final int ISSUING_OFFICE = 240;
        public static final int ISSUING_OFFICE_LEN = 8;
        public static final String FLAG = "I";
    }

    /** 外国人永久居留身份证, 2023 layout (flag Y). */
    public static final class Foreigner2023Text {
        private Foreigner2023Text() {
        }

        public static final int CHINESE_NAME = 0;
        public static final int CHINESE_NAME_LEN = 30;
        public static final int GENDER = 30;
        public static final int GENDER_LEN = 2;
        public static final int RENEWAL_COUNT = 32;
        public static final int RENEWAL_COUNT_LEN = 4;
        public static final int BIRTH = 36;
        public static final int BIRTH_LEN = 16;
        public static final int ENGLISH_NAME = 52;
        public static final int ENGLISH_NAME_LEN = 70;
        public static final int CARD_NUMBER = 122;
        public static final int CARD_NUMBER_LEN = 36;
        public static final int VALID_FROM = 188;
        public static final int VALID_FROM_LEN = 16;
        public static final int VALID_TO = 204;
        public static final int VALID_TO_LEN = 16;
        public static final int ENGLISH_NAME_OVERFLOW = 220;
        public static final int ENGLISH_NAME_OVERFLOW_LEN = 22;
        public static final int NATIONALITY = 242;
        public static final int NATIONALITY_LEN = 6;
        public static final String FLAG = "Y";
    }
}

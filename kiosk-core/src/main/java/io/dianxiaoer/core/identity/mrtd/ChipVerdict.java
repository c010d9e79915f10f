package io.dianxiaoer.core.identity.mrtd;

/**
 * The outcome of reading and checking a chip passport or travel permit, each with a plain-words
 * message for the citizen in Chinese and English. Only {@link #VERIFIED} identifies anyone.
 */
public enum ChipVerdict {
    /** BAC opened the chip, every data group read matches the SOD, and the SOD is signed by a trusted country. */
    VERIFIED("证件芯片核验通过", "The document chip was read and verified."),
    /** BAC failed: the MRZ data typed does not open this chip. */
    ACCESS_DENIED("无法打开证件芯片：证件号码、出生日期或有效期输入有误，请核对后重试",
            "The chip did not accept the data: check the document number, date of birth and date of expiry, then try again."),
    /** A data group does not match the hash the issuer signed: the chip's data was changed. */
    DATA_TAMPERED("证件芯片数据与签发机关签名不一致，证件可能被篡改，请联系工作人员",
            "The chip's data does not match the issuer's signature: the document may have been altered. Please ask a member of staff."),
    /** The SOD's signature does not verify with its document signer certificate. */
    SIGNATURE_INVALID("证件芯片的安全签名无效，请联系工作人员",
            "The chip's security signature is not valid. Please ask a member of staff."),
    /** The SOD verifies, but its signer does not chain to a trusted country signing certificate. */
    SIGNER_UNTRUSTED("证件签发机关的证书不在信任列表中，无法确认证件真伪，请联系工作人员",
            "The issuer's certificate is not one we trust, so the document cannot be verified. Please ask a member of staff."),
    /** Verified, but the document's validity has ended. */
    DOCUMENT_EXPIRED("证件已过期，请使用有效证件", "This document has expired. Please use a valid document."),
    /** The card in the reader has no eMRTD application. */
    NOT_A_TRAVEL_DOCUMENT("读卡器上的卡片不是电子护照或电子通行证", "The card on the reader is not an electronic passport or travel permit."),
    /** No card on the reader, or it left during the read. */
    NO_DOCUMENT("请将证件放在读卡器上，读取完成前不要移开", "Place the document on the reader and keep it there until reading has finished."),
    /** The reader or the PC/SC service is not available. */
    READER_UNAVAILABLE("护照阅读器暂时不可用，请联系工作人员", "The passport reader is not available right now. Please ask a member of staff."),
    /** The chip stopped answering, or answered something unusable. */
    CHIP_ERROR("读取证件芯片出错，请重新放置证件后再试", "The chip could not be read. Please place the document again and retry.");

    private final String chinese;
    private final String english;

    ChipVerdict(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** Whether the document identifies the citizen. */
    public boolean isVerified() {
        return this == VERIFIED;
    }
}

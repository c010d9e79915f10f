package io.dianxiaoer.sync;

/**
 * The receipt sequence store cannot be used: the file is corrupt or foreign, its schema is newer
 * than this build, the disk failed, or another process held the write lock for too long.
 *
 * <p>Unchecked because no caller can repair the store on the spot; the submit path must still
 * catch it and tell the citizen that no receipt was issued rather than show a made-up number.
 */
public final class ReceiptSequenceException extends RuntimeException {

    public ReceiptSequenceException(String message) {
        super(message);
    }

    public ReceiptSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}

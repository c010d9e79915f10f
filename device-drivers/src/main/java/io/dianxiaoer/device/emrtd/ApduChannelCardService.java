package io.dianxiaoer.device.emrtd;

import io.dianxiaoer.device.pcsc.ApduChannel;
import io.dianxiaoer.device.pcsc.PcscException;
import java.util.Objects;
import net.sf.scuba.smartcards.CardService;
import net.sf.scuba.smartcards.CardServiceException;
import net.sf.scuba.smartcards.CommandAPDU;
import net.sf.scuba.smartcards.ResponseAPDU;

/**
 * JMRTD's view of our {@link ApduChannel}: every APDU JMRTD sends goes through the channel's
 * timeout and privacy-safe trace. A {@link PcscException} travels as the cause of the
 * {@link CardServiceException} so that callers can tell a card that left from a refusal.
 *
 * <p>Not thread-safe (neither is JMRTD's {@code PassportService}); one read at a time.
 */
final class ApduChannelCardService extends CardService {

    private final ApduChannel channel;
    private boolean open;
    private PcscException lastFailure;

    ApduChannelCardService(ApduChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public void open() {
        open = true;
        state = SESSION_STARTED_STATE;
    }

    @Override
    public boolean isOpen() {
        return open && channel.isUsable();
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardServiceException {
        try {
            return new ResponseAPDU(channel.transmit(command.getBytes()));
        } catch (PcscException e) {
            if (lastFailure == null) {
                lastFailure = e; // the first one says why; later ones only say the channel is broken
            }
            throw new CardServiceException(e.getMessage(), e);
        }
    }

    /**
     * The first transport failure of this session, if any: JMRTD's file streams do not always keep the cause
     * of a {@link CardServiceException}, and a card taken away must not look like a broken chip.
     */
    PcscException lastFailure() {
        return lastFailure;
    }

    @Override
    public byte[] getATR() {
        return channel.atr();
    }

    @Override
    public void close() {
        open = false;
        state = SESSION_STOPPED_STATE;
    }

    @Override
    public boolean isConnectionLost(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PcscException p) {
                return p.kind() != PcscException.Kind.CARD_ERROR;
            }
        }
        return false;
    }
}

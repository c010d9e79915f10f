package io.dianxiaoer.device.transport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A byte pipe to a device: a serial port, a TCP socket to a serial-over-IP box or to a simulator.
 * Drivers speak their protocol over this seam and never know which kind they have; which kind is
 * chosen in one place, {@link Transports#fromUri}.
 *
 * <p>Not thread-safe: a transport belongs to the one device executor that drives it. Every call
 * may block, for at most the timeout it is given (reads) or until the OS accepts the bytes (writes).
 */
public interface Transport extends Closeable {

    /** Opens the link. @throws IOException when the port or peer is not there */
    void open() throws IOException;

    boolean isOpen();

    /**
     * Reads what has arrived, up to {@code len} bytes, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read; 0 when nothing came in time
     * @throws TransportGoneException when the port vanished or the peer closed the link
     */
    int read(byte[] buf, int off, int len, Duration timeout) throws IOException;

    /** Writes all bytes. @throws TransportGoneException when the port vanished or the peer closed the link */
    void write(byte[] data) throws IOException;

    /** Drops bytes already received and not read, e.g. the tail of an answer that came too late. */
    void discardInput() throws IOException;

    /** Where it goes, for health reports and logs, e.g. {@code tcp://127.0.0.1:7001}. */
    String describe();

    /** Closes the link; safe to call more than once. */
    @Override
    void close();
}

package io.dianxiaoer.device.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port through jSerialComm: USB-serial adapters, RS-485 converters, and pseudo-terminals
 * (which jSerialComm opens by path although it does not list them). 8N1, no flow control.
 * See {@link Transport} for threading.
 */
public final class SerialTransport implements Transport {

    private final String path;
    private final int baudRate;
    private SerialPort port;

    public SerialTransport(String path, int baudRate) {
        this.path = path;
        this.baudRate = baudRate;
    }

    @Override
    public void open() throws IOException {
        close();
        if (!path.startsWith("COM") && !Files.exists(Path.of(path))) {
            throw new TransportGoneException(describe() + ": no such port");
        }
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!p.openPort()) {
            throw new IOException(describe() + ": cannot open port (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        requireOpen();
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, ms, 0);
        int n = port.readBytes(buf, len, off);
        if (n < 0) {
            close();
            throw new TransportGoneException(describe() + ": port vanished");
        }
        if (n == 0 && !Files.exists(Path.of(path)) && !path.startsWith("COM")) {
            // A pty or USB node that disappeared can read as "nothing came" forever: look for the node.
            close();
            throw new TransportGoneException(describe() + ": port vanished");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        requireOpen();
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            close();
            throw new TransportGoneException(describe() + ": write failed (" + written + " of " + data.length + ")");
        }
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        port.flushIOBuffers();
    }

    private void requireOpen() throws TransportGoneException {
        if (!isOpen()) {
            throw new TransportGoneException(describe() + ": not open");
        }
    }

    @Override
    public String describe() {
        return "serial:" + path + "?baud=" + baudRate;
    }

    @Override
    public void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }
}

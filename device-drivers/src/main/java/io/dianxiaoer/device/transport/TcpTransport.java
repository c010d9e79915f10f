package io.dianxiaoer.device.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A TCP link: serial-over-IP converters and the hardware simulators. See {@link Transport} for threading. */
public final class TcpTransport implements Transport {

    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public TcpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void open() throws IOException {
        close();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        requireOpen();
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            int n = in.read(buf, off, len);
            if (n < 0) {
                close();
                throw new TransportGoneException(describe() + ": peer closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (SocketException e) {
            close();
            throw new TransportGoneException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        requireOpen();
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            close();
            throw new TransportGoneException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        int available;
        while ((available = in.available()) > 0) {
            if (in.skip(available) <= 0) {
                break;
            }
        }
    }

    private void requireOpen() throws TransportGoneException {
        if (!isOpen()) {
            throw new TransportGoneException(describe() + ": not open");
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
        }
    }
}

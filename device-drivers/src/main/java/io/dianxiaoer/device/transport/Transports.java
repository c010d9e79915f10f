package io.dianxiaoer.device.transport;

import java.util.function.Supplier;

/**
 * The one place where a transport kind is chosen from configuration.
 *
 * <ul>
 *   <li>{@code tcp://host:port} — a TCP link (simulator, serial-over-IP)</li>
 *   <li>{@code serial:/dev/ttyUSB0?baud=115200} or a bare device path — a serial port</li>
 * </ul>
 */
public final class Transports {

    private Transports() {
    }

    /** A factory, so that a driver can make a fresh transport each time it reopens the device. */
    public static Supplier<Transport> fromUri(String uri, int defaultBaud) {
        String u = uri.strip();
        if (u.startsWith("tcp://")) {
            String hostPort = u.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("tcp transport needs host:port, got '" + uri + "'");
            }
            String host = hostPort.substring(0, colon);
            int port = parsePort(hostPort.substring(colon + 1), uri);
            return () -> new TcpTransport(host, port);
        }
        String path = u.startsWith("serial:") ? u.substring("serial:".length()) : u;
        int baud = defaultBaud;
        int q = path.indexOf('?');
        if (q >= 0) {
            String query = path.substring(q + 1);
            path = path.substring(0, q);
            for (String kv : query.split("&")) {
                if (kv.startsWith("baud=")) {
                    try {
                        baud = Integer.parseInt(kv.substring(5));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("baud must be a number in '" + uri + "'");
                    }
                }
            }
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no port given in '" + uri + "'");
        }
        String p = path;
        int b = baud;
        return () -> new SerialTransport(p, b);
    }

    private static int parsePort(String s, String uri) {
        try {
            int port = Integer.parseInt(s);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad TCP port in '" + uri + "'");
        }
    }
}

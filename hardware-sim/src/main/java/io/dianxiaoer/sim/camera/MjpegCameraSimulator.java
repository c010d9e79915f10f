package io.dianxiaoer.sim.camera;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UVC-style camera served as an MJPEG stream over HTTP on 127.0.0.1, the way IP cameras and
 * {@code mjpg-streamer} serve one: {@code multipart/x-mixed-replace} with one JPEG per part. The
 * production {@code Camera} reads it through FFmpeg exactly as it reads a real device.
 *
 * <pre>
 * GET /stream.mjpg    the stream (also /)
 * GET /snapshot.jpg   the current picture once
 * </pre>
 *
 * The picture shown is set with {@link #show}; {@link #setFault} injects a {@link CameraFault};
 * {@link #stop()} / {@link #start()} pull and replug it (the port closes and reopens). Written by
 * hand on plain sockets rather than an HTTP server so that faults can be exact on the wire.
 * Thread-safe: one accept thread and one thread per client, all daemons.
 */
public final class MjpegCameraSimulator implements AutoCloseable {

    static final String BOUNDARY = "dxeframe";
    private static final Logger log = LoggerFactory.getLogger(MjpegCameraSimulator.class);
    private static final int MAX_REQUEST_BYTES = 8192;

    private final String name;
    private final double fps;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile int port;
    private volatile CameraPicture picture;
    private volatile List<CameraPicture> frames;
    private volatile CameraFault fault = CameraFault.NONE;
    private volatile ServerSocket server;
    private volatile boolean closed;

    /**
     * @param port 0 picks a free port (kept across {@link #stop()}/{@link #start()})
     * @param fps  frames per second when healthy
     */
    public MjpegCameraSimulator(String name, int port, double fps, CameraPicture first) throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        if (!(fps > 0 && fps <= 60)) {
            throw new IllegalArgumentException("fps must be in (0, 60]");
        }
        this.fps = fps;
        this.picture = Objects.requireNonNull(first, "first picture");
        this.frames = List.of(first);
        this.port = port;
        start();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The URL the camera driver opens. */
    public String streamUrl() {
        return "http://127.0.0.1:" + port + "/stream.mjpg";
    }

    public CameraPicture picture() {
        return picture;
    }

    public CameraFault fault() {
        return fault;
    }

    public boolean running() {
        ServerSocket s = server;
        return s != null && !s.isClosed();
    }

    public long framesSent() {
        return framesSent.get();
    }

    public int clientCount() {
        return clients.size();
    }

    /** Shows another picture from the next frame on. */
    public void show(CameraPicture next) {
        show(List.of(Objects.requireNonNull(next, "picture")));
    }

    /**
     * Shows a looping sequence of pictures, one per frame (each client starts at the first): a
     * face performing a blink, a photo being moved. One picture is a still.
     */
    public void show(List<CameraPicture> sequence) {
        if (sequence.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one picture");
        }
        List<CameraPicture> copy = List.copyOf(sequence);
        frames = copy;
        picture = copy.get(0);
        log.info("camera sim {}: showing {} ({} frame{})", name, copy.get(0).name(), copy.size(),
                copy.size() == 1 ? "" : "s");
    }

    /** How many frames the current scene loops over (1 for a still). */
    public int sequenceLength() {
        return frames.size();
    }

    public void setFault(CameraFault f) {
        fault = Objects.requireNonNull(f, "fault");
        log.info("camera sim {}: fault {}", name, f);
        if (f == CameraFault.DISCONNECT) {
            dropClients();
        }
    }

    /** Plugs the camera in: listens on its port again. */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("camera simulator " + name + " was closed");
        }
        if (running()) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        port = s.getLocalPort();
        server = s;
        Thread t = new Thread(() -> acceptLoop(s), "sim-camera-" + name + "-accept");
        t.setDaemon(true);
        t.start();
        log.info("camera sim {}: streaming on {}", name, streamUrl());
    }

    /** Pulls the camera out: the port closes and every open stream is cut. */
    public synchronized void stop() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        dropClients();
        log.info("camera sim {}: unplugged", name);
    }

    @Override
    public void close() {
        closed = true;
        stop();
    }

    private void dropClients() {
        for (Socket c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
        clients.clear();
    }

    private void acceptLoop(ServerSocket s) {
        int n = 0;
        while (!s.isClosed()) {
            Socket c;
            try {
                c = s.accept();
            } catch (IOException e) {
                return; // stopped
            }
            if (fault == CameraFault.DISCONNECT) {
                try {
                    c.close();
                } catch (IOException e) {
                    // dropping it is the point
                }
                continue;
            }
            connections.incrementAndGet();
            clients.add(c);
            Thread t = new Thread(() -> serve(c), "sim-camera-" + name + "-client-" + (++n));
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket c) {
        try (c) {
            c.setSoTimeout(5000);
            c.setTcpNoDelay(true);
            String path = readRequestPath(c.getInputStream());
            OutputStream out = c.getOutputStream();
            if (path == null) {
                out.write(ascii("HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return;
            }
            if (path.equals("/snapshot.jpg")) {
                byte[] jpg = picture.jpeg();
                out.write(ascii("HTTP/1.0 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpg.length
                        + "\r\nConnection: close\r\n\r\n"));
                out.write(jpg);
                out.flush();
                return;
            }
            if (!path.equals("/stream.mjpg") && !path.equals("/")) {
                out.write(ascii("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return;
            }
            out.write(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=" + BOUNDARY
                    + "\r\nCache-Control: no-cache\r\nPragma: no-cache\r\nConnection: close\r\n\r\n"));
            stream(out);
        } catch (SocketException e) {
            // the client went away, or we cut it (stop, DISCONNECT)
        } catch (IOException e) {
            log.debug("camera sim {}: client ended: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(c);
        }
    }

    private void stream(OutputStream out) throws IOException, InterruptedException {
        Random rnd = new Random(42);
        long frame = 0;
        long next = System.nanoTime();
        while (!closed) {
            CameraFault f = fault;
            if (f == CameraFault.STALL) {
                Thread.sleep(20);
                next = System.nanoTime();
                continue;
            }
            if (f == CameraFault.DISCONNECT) {
                return;
            }
            List<CameraPicture> seq = frames;
            byte[] jpg = seq.get((int) (frame % seq.size())).jpeg();
            byte[] body = jpg;
            if (f == CameraFault.GARBAGE && frame % 3 != 0) {
                if (frame % 3 == 1) {
                    body = new byte[2000 + rnd.nextInt(4000)];
                    rnd.nextBytes(body);
                } else {
                    body = java.util.Arrays.copyOf(jpg, jpg.length / 3); // a JPEG cut short
                }
            }
            out.write(ascii("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + body.length + "\r\n\r\n"));
            out.write(body);
            out.write(ascii("\r\n"));
            out.flush();
            framesSent.incrementAndGet();
            frame++;
            double rate = f == CameraFault.SLOW ? 2 : fps;
            next += (long) (1e9 / rate);
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } else {
                next = System.nanoTime(); // fell behind (slow reader): do not burst to catch up
            }
        }
    }

    /** Reads the request head; returns the path, or null when it is not a GET request. */
    private static String readRequestPath(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() > MAX_REQUEST_BYTES) {
                return null;
            }
            int n = head.length();
            if (n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                    && head.charAt(n - 1) == '\n') {
                break;
            }
        }
        String first = head.toString().split("\r\n", 2)[0];
        String[] parts = first.split(" ");
        if (parts.length < 2 || !parts[0].equals("GET")) {
            return null;
        }
        String path = parts[1];
        int q = path.indexOf('?');
        return q >= 0 ? path.substring(0, q) : path;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "MjpegCameraSimulator[" + name + " " + streamUrl() + ", " + fault + "]";
    }
}

package io.dianxiaoer.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy whose kiosk→intake direction is limited to {@code bytesPerSecond} in total
 * over all connections (one token bucket, 50 ms slices): a stand-in for a kiosk's uplink.
 * Threads: an acceptor and two pumps per connection. Counts the bytes it carried upstream.
 */
final class ThrottledProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long bytesPerSecond;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "throttled-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong upstream = new AtomicLong();
    private long bucketStart = System.nanoTime();
    private long bucketUsed;

    ThrottledProxy(int targetPort, long bytesPerSecond) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.bytesPerSecond = bytesPerSecond;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    long upstreamBytes() {
        return upstream.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5_000);
                threads.execute(() -> pump(client, server, true));
                threads.execute(() -> pump(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Blocks until {@code n} bytes may pass. */
    private synchronized void take(int n) throws InterruptedException {
        long slice = bytesPerSecond / 20; // per 50 ms
        while (true) {
            long now = System.nanoTime();
            if (now - bucketStart >= 50_000_000L) {
                bucketStart = now;
                bucketUsed = 0;
            }
            if (bucketUsed + n <= slice || bucketUsed == 0) {
                bucketUsed += n;
                return;
            }
            wait(Math.max(1, (50_000_000L - (now - bucketStart)) / 1_000_000L));
        }
    }

    private void pump(Socket from, Socket to, boolean limited) {
        byte[] buf = new byte[8192];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (limited) {
                    take(n);
                    upstream.addAndGet(n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}

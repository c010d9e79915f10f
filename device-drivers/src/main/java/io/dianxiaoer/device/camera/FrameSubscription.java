package io.dianxiaoer.device.camera;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's mailbox of a single slot and the thread that empties it.
 *
 * <p>The camera thread {@link #offer offers} each frame and returns at once: the frame replaces
 * whatever the listener has not taken yet (counted as dropped). The delivery thread hands the
 * newest frame to the listener. So a slow consumer (a QR decoder, a busy screen) gets fewer frames
 * and never blocks the camera. {@link #close()} stops delivery; it is idempotent and may be called
 * from the listener itself.
 */
public final class FrameSubscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrameSubscription.class);

    private final FrameListener listener;
    private final AtomicReference<CameraFrame> slot = new AtomicReference<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable onDrop;
    private final Runnable onListenerError;
    private final Thread thread;
    private volatile boolean closed;

    FrameSubscription(String name, FrameListener listener, Runnable onDrop, Runnable onListenerError) {
        this.listener = listener;
        this.onDrop = onDrop;
        this.onListenerError = onListenerError;
        this.thread = new Thread(this::deliver, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by the camera thread: never blocks. */
    void offer(CameraFrame frame) {
        if (closed) {
            return;
        }
        if (slot.getAndSet(frame) != null) {
            dropped.incrementAndGet();
            onDrop.run();
        }
        LockSupport.unpark(thread);
    }

    private void deliver() {
        while (!closed) {
            CameraFrame f = slot.getAndSet(null);
            if (f == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                listener.onFrame(f);
                delivered.incrementAndGet();
            } catch (RuntimeException e) {
                // A failing listener loses this frame, not its subscription.
                onListenerError.run();
                log.error("frame listener {} failed", thread.getName(), e);
            }
        }
    }

    /** Frames handed to the listener so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Frames replaced before this listener took them. */
    public long dropped() {
        return dropped.get();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        slot.set(null);
        LockSupport.unpark(thread);
    }
}

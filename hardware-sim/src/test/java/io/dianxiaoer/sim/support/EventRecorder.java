package io.dianxiaoer.sim.support;

import io.dianxiaoer.core.event.CardRemoved;
import io.dianxiaoer.core.event.DeviceEvent;
import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.DeviceStatusChanged;
import io.dianxiaoer.core.event.IdCardRead;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a device's events (listeners run on the device thread) for the test thread to look at. */
public final class EventRecorder implements Consumer<DeviceEvent> {

    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(DeviceEvent e) {
        events.add(e);
    }

    public List<DeviceEvent> all() {
        return List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    /** Events from index {@code from} on. */
    public List<DeviceEvent> since(int from) {
        List<DeviceEvent> all = all();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    public List<IdCardRead> reads() {
        return all().stream().filter(IdCardRead.class::isInstance).map(IdCardRead.class::cast).toList();
    }

    public long removals() {
        return all().stream().filter(CardRemoved.class::isInstance).count();
    }

    public List<DeviceStatus> statuses() {
        return all().stream().filter(DeviceStatusChanged.class::isInstance)
                .map(e -> ((DeviceStatusChanged) e).status()).toList();
    }

    /** Waits until an event from index {@code from} on matches, and returns the index just past it. */
    public int awaitFrom(int from, String what, Predicate<DeviceEvent> p) {
        int[] found = {-1};
        Await.until(what, () -> {
            List<DeviceEvent> all = all();
            for (int i = from; i < all.size(); i++) {
                if (p.test(all.get(i))) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0] + 1;
    }

    public static Predicate<DeviceEvent> status(DeviceStatus s) {
        return e -> e instanceof DeviceStatusChanged c && c.status() == s;
    }

    public static Predicate<DeviceEvent> readOf(String idNumber) {
        return e -> e instanceof IdCardRead r && r.card().documentNumber().equals(idNumber);
    }

    public static Predicate<DeviceEvent> removed() {
        return e -> e instanceof CardRemoved;
    }
}

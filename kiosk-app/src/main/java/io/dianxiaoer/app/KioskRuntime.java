package io.dianxiaoer.app;

import io.dianxiaoer.core.event.Tick;
import io.dianxiaoer.core.session.SessionState;
import io.dianxiaoer.core.session.SessionStore;
import io.dianxiaoer.device.api.Device;
import io.dianxiaoer.app.view.PageServices;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraSource;
import io.dianxiaoer.device.document.DocumentPipeline;
import io.dianxiaoer.device.idcard.SamIdCardReader;
import io.dianxiaoer.device.locker.BoardConfig;
import io.dianxiaoer.device.locker.HookPolarity;
import io.dianxiaoer.device.locker.LockerController;
import io.dianxiaoer.device.locker.LockerSettings;
import io.dianxiaoer.device.pcsc.PcscReaderWatcher;
import io.dianxiaoer.device.scanner.ScannerSettings;
import io.dianxiaoer.device.scanner.SerialCodeScanner;
import io.dianxiaoer.device.transport.Transports;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.idcard.TestIdentities;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of the kiosk that is not a screen: the session store, the devices feeding it, the
 * clock ticking it, and (by default) the embedded hardware simulator. No JavaFX here, so that it
 * can be started, driven and closed without a display.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} (idempotent). Devices run on their own executors; the
 * ticker on one more ("session-ticker"). Everything they report goes through {@link SessionStore#dispatch}.
 */
public final class KioskRuntime implements AutoCloseable, PageServices {

    private static final Logger log = LoggerFactory.getLogger(KioskRuntime.class);
    private static final long TICK_MS = 250;

    private final KioskConfig config;
    private final Clock clock;
    private final SessionStore store;
    private final Optional<HardwareSimulator> simulator;
    private final List<Device> devices;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DocumentPipeline pipeline = new DocumentPipeline();
    private final ExecutorService work = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "kiosk-work");
        t.setDaemon(true);
        return t;
    });

    private KioskRuntime(KioskConfig config, Clock clock, SessionStore store, Optional<HardwareSimulator> simulator,
                         List<Device> devices) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.simulator = simulator;
        this.devices = devices;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the simulator (when configured), opens the devices and starts the clock. */
    public static KioskRuntime start(KioskConfig config, Clock clock) throws IOException {
        SessionStore store = new SessionStore(SessionState.initial(clock.instant(), config.idlePolicy()));
        Optional<HardwareSimulator> sim = Optional.empty();
        if (config.simulated()) {
            HardwareSimulator s = HardwareSimulator.start(config.simIdcardPort(), config.simControlPort(),
                    TestIdentities.bundled());
            sim = Optional.of(s);
            log.info("embedded simulator: ID-card reader {}, scanner {}, locker {}, control API {}",
                    s.idcardReader().uri(), s.scanner().uri(), s.locker().uri(), s.controlUrl());
        }
        List<Device> devices = new ArrayList<>();
        String idcardUri = KioskConfig.SIMULATED.equals(config.idcardUri())
                ? sim.orElseThrow().idcardReader().uri() : config.idcardUri();
        devices.add(new SamIdCardReader("idcard", Transports.fromUri(idcardUri, 115200),
                SamIdCardReader.Settings.DEFAULT, clock));
        if (!KioskConfig.NONE.equals(config.scannerUri())) {
            boolean simulatedScanner = KioskConfig.SIMULATED.equals(config.scannerUri());
            String uri = simulatedScanner ? sim.orElseThrow().scanner().uri() : config.scannerUri();
            ScannerSettings settings = simulatedScanner
                    ? ScannerSettings.DEFAULT.withProbe(ScannerSettings.SIMULATOR_PROBE) : ScannerSettings.DEFAULT;
            devices.add(new SerialCodeScanner("scanner", Transports.fromUri(uri, 9600), settings, clock));
        }
        if (!KioskConfig.NONE.equals(config.lockerUri())) {
            boolean simulatedLocker = KioskConfig.SIMULATED.equals(config.lockerUri());
            String uri = simulatedLocker ? sim.orElseThrow().locker().uri() : config.lockerUri();
            String bus = simulatedLocker ? sim.orElseThrow().locker().busSpec() : config.lockerBus();
            devices.add(new LockerController("locker", Transports.fromUri(uri, 9600),
                    LockerSettings.of(BoardConfig.parseList(bus), HookPolarity.CLOSED_READS_11), clock));
        }
        if (!KioskConfig.NONE.equals(config.documentCameraUri())) {
            String uri = KioskConfig.SIMULATED.equals(config.documentCameraUri())
                    ? sim.orElseThrow().documentCamera().streamUrl() : config.documentCameraUri();
            devices.add(new Camera("doccam", CameraSource.parse(uri), Camera.Settings.DEFAULT, clock));
        }
        if (config.passport()) {
            devices.add(new PcscReaderWatcher("pcsc", PcscReaderWatcher.Settings.DEFAULT, clock));
        }
        for (Device d : devices) {
            d.addListener(store::dispatch);
        }
        KioskRuntime runtime = new KioskRuntime(config, clock, store, sim, List.copyOf(devices));
        devices.forEach(Device::open);
        runtime.ticker.scheduleAtFixedRate(() -> store.dispatch(new Tick(clock.instant())), TICK_MS, TICK_MS,
                TimeUnit.MILLISECONDS);
        return runtime;
    }

    public SessionStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public KioskConfig config() {
        return config;
    }

    /** The embedded simulator, when the kiosk runs on simulated hardware. */
    public Optional<HardwareSimulator> simulator() {
        return simulator;
    }

    public List<Device> devices() {
        return devices;
    }

    @Override
    public Optional<Camera> documentCamera() {
        return devices.stream().filter(d -> d instanceof Camera c && d.id().equals("doccam")).map(d -> (Camera) d)
                .findFirst();
    }

    @Override
    public DocumentPipeline documentPipeline() {
        return pipeline;
    }

    @Override
    public Executor work() {
        return work;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        ticker.shutdownNow();
        work.shutdownNow();
        devices.forEach(Device::close);
        simulator.ifPresent(HardwareSimulator::close);
    }
}

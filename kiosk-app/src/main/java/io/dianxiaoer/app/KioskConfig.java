package io.dianxiaoer.app;

import io.dianxiaoer.core.session.IdlePolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How this kiosk is set up. Read from {@code dxe.*} system properties (and command-line
 * {@code --key=value} pairs, which win). The defaults run everything on the embedded simulator.
 *
 * @param idcardUri      {@code sim} for the embedded simulator, else a transport URI
 *                       ({@code tcp://host:port}, {@code serial:/dev/ttyUSB0?baud=115200})
 * @param scannerUri     the QR scanner: {@code sim}, a transport URI, or {@code none}
 * @param lockerUri      the locker boards' RS-485 bus: {@code sim}, a transport URI, or {@code none}
 * @param lockerBus      the boards on the bus, e.g. {@code 1:12p,2:12p} (ignored with {@code sim})
 * @param passport       whether to watch PC/SC readers for chip passports (needs pcscd)
 * @param documentCameraUri the document camera: {@code sim}, a V4L2 device / file / MJPEG URL, or {@code none}
 * @param simIdcardPort  TCP port of the embedded simulated reader (0: any free port)
 * @param simControlPort HTTP port of the embedded simulator's control API (0: any free port)
 * @param fullScreen     full screen even with one screen (a kiosk with one display)
 */
public record KioskConfig(String idcardUri, String scannerUri, String lockerUri, String lockerBus, boolean passport,
                          String documentCameraUri,
                          int simIdcardPort, int simControlPort, IdlePolicy idlePolicy, boolean fullScreen) {

    public static final String SIMULATED = "sim";
    public static final String NONE = "none";

    public static KioskConfig defaults() {
        return new KioskConfig(SIMULATED, SIMULATED, SIMULATED, "1:12p,2:12p", true, SIMULATED, 7001, 7080, IdlePolicy.DEFAULT,
                false);
    }

    /** Whether any device runs on the embedded simulator. */
    public boolean simulated() {
        return SIMULATED.equals(idcardUri) || SIMULATED.equals(scannerUri) || SIMULATED.equals(lockerUri)
                || SIMULATED.equals(documentCameraUri);
    }

    public KioskConfig withIdcardUri(String uri) {
        return new KioskConfig(uri, scannerUri, lockerUri, lockerBus, passport, documentCameraUri, simIdcardPort, simControlPort,
                idlePolicy, fullScreen);
    }

    public KioskConfig withSimPorts(int idcard, int control) {
        return new KioskConfig(idcardUri, scannerUri, lockerUri, lockerBus, passport, documentCameraUri, idcard, control, idlePolicy,
                fullScreen);
    }

    public KioskConfig withIdlePolicy(IdlePolicy policy) {
        return new KioskConfig(idcardUri, scannerUri, lockerUri, lockerBus, passport, documentCameraUri, simIdcardPort, simControlPort,
                policy, fullScreen);
    }

    public KioskConfig withPassport(boolean on) {
        return new KioskConfig(idcardUri, scannerUri, lockerUri, lockerBus, on, documentCameraUri, simIdcardPort, simControlPort,
                idlePolicy, fullScreen);
    }

    /**
     * Properties named {@code dxe.idcard}, {@code dxe.scanner}, {@code dxe.locker}, {@code dxe.locker.bus},
     * {@code dxe.passport}, {@code dxe.doccam}, {@code dxe.sim.idcard.port}, {@code dxe.sim.control.port},
     * {@code dxe.idle.timeout} and {@code dxe.idle.countdown} (seconds), {@code dxe.fullscreen}.
     */
    public static KioskConfig from(Properties p) {
        KioskConfig d = defaults();
        Duration timeout = seconds(p, "dxe.idle.timeout", d.idlePolicy().timeout());
        Duration countdown = seconds(p, "dxe.idle.countdown", d.idlePolicy().countdown());
        if (countdown.compareTo(timeout) > 0) {
            countdown = timeout;
        }
        return new KioskConfig(
                p.getProperty("dxe.idcard", d.idcardUri()),
                p.getProperty("dxe.scanner", d.scannerUri()),
                p.getProperty("dxe.locker", d.lockerUri()),
                p.getProperty("dxe.locker.bus", d.lockerBus()),
                Boolean.parseBoolean(p.getProperty("dxe.passport", String.valueOf(d.passport()))),
                p.getProperty("dxe.doccam", d.documentCameraUri()),
                integer(p, "dxe.sim.idcard.port", d.simIdcardPort()),
                integer(p, "dxe.sim.control.port", d.simControlPort()),
                new IdlePolicy(timeout, countdown),
                Boolean.parseBoolean(p.getProperty("dxe.fullscreen", "false")));
    }

    /** System properties overlaid with {@code --dxe.key=value} arguments. */
    public static KioskConfig from(String[] args) {
        Properties p = new Properties();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                String key = a.substring(2, a.indexOf('='));
                p.setProperty(key.startsWith("dxe.") ? key : "dxe." + key, a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "' (use --key=value, e.g. --idcard=tcp://127.0.0.1:7001)");
            }
        }
        return from(p);
    }

    private static Duration seconds(Properties p, String key, Duration def) {
        String v = p.getProperty(key);
        if (v == null) {
            return def;
        }
        try {
            double s = Double.parseDouble(v);
            if (s <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive number of seconds, got '" + v + "'");
        }
    }

    private static int integer(Properties p, String key, int def) {
        String v = p.getProperty(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
    }
}

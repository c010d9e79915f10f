package io.dianxiaoer.app;

import java.net.BindException;
import java.time.Clock;

/**
 * Starts the kiosk: {@code dxe kiosk [--key=value …]} (see {@link KioskConfig} for the keys).
 * Not an {@code Application} subclass on purpose, so that JavaFX loads from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        KioskConfig config;
        try {
            config = KioskConfig.from(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!hasDisplay()) {
            System.err.println("""
                    No display: the kiosk needs a screen (DISPLAY is not set).
                    On a machine without one, run it in a virtual display:
                        xvfb-run -n 99 -s "-screen 0 2560x1000x24 -ac" bin/dxe kiosk
                    (Debian package: xvfb). ./run-kiosk.sh does this for you when DISPLAY is unset.""");
            System.exit(3);
        }
        KioskRuntime runtime;
        try {
            runtime = KioskRuntime.start(config, Clock.systemDefaultZone());
        } catch (BindException e) {
            System.err.printf("The embedded simulator cannot listen on port %d or %d: is another kiosk running?%n"
                    + "Stop it, or choose other ports: --sim.idcard.port=0 --sim.control.port=0%n",
                    config.simIdcardPort(), config.simControlPort());
            System.exit(4);
            return;
        } catch (Exception e) {
            System.err.println("The kiosk could not start: " + e.getMessage());
            System.exit(4);
            return;
        }
        int exit = 0;
        try {
            KioskApplication.launch(runtime);
        } catch (RuntimeException e) {
            System.err.println("The screens could not open: " + e.getMessage()
                    + "\n(JavaFX needs GTK 3: apt-get install libgtk-3-0; ./run-kiosk.sh installs it.)");
            exit = 5;
        } finally {
            runtime.close();
        }
        System.exit(exit);
    }

    static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
    }
}

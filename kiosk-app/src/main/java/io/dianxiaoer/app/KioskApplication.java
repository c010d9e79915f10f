package io.dianxiaoer.app;

import io.dianxiaoer.app.i18n.Messages;
import io.dianxiaoer.app.view.PageContext;
import io.dianxiaoer.app.view.ScreenView;
import io.dianxiaoer.app.view.StaffPanel;
import io.dianxiaoer.core.session.SessionState;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The two stages of the terminal: the citizen screen (touch, the main stage) and the staff screen,
 * both rendering the one session of a {@link KioskRuntime}.
 *
 * <p>With two physical screens the staff stage goes full screen on the second; with one, both
 * open as windows (development). State changes arrive on device and ticker threads and are handed
 * to the FX thread with {@code Platform.runLater}, coalesced so a burst renders once.
 */
public final class KioskApplication extends Application {

    private static volatile KioskRuntime launchRuntime;

    private final KioskRuntime runtime;
    private Stage citizenStage;
    private Stage staffStage;

    /** For {@link Application#launch}: uses the runtime handed to {@link #launch(KioskRuntime, String...)}. */
    public KioskApplication() {
        this(Objects.requireNonNull(launchRuntime, "launch through KioskApplication.launch(runtime)"));
    }

    public KioskApplication(KioskRuntime runtime) {
        this.runtime = runtime;
    }

    /** Runs the app until its windows close; blocks like {@link Application#launch}. */
    public static void launch(KioskRuntime runtime, String... args) {
        launchRuntime = runtime;
        Application.launch(KioskApplication.class, args);
    }

    @Override
    public void start(Stage primary) {
        Messages messages = new Messages();
        PageContext context = new PageContext(runtime.store(), runtime.clock(), messages, runtime);

        ScreenView citizen = new ScreenView(context, "citizen-root");
        ScreenView staff = new ScreenView(context, "staff-root");
        StaffPanel staffPanel = new StaffPanel(context, runtime.simulator());
        BorderPane staffRoot = new BorderPane(staff.root());
        staffRoot.setRight(staffPanel.root());

        String css = Objects.requireNonNull(KioskApplication.class.getResource("view/kiosk.css")).toExternalForm();
        citizenStage = primary;
        citizenStage.setTitle("智能店小二 · 市民屏 Citizen screen");
        citizenStage.setScene(new Scene(citizen.root(), 1280, 800));
        citizenStage.getScene().getStylesheets().add(css);

        staffStage = new Stage();
        staffStage.setTitle("智能店小二 · 工作人员屏 Staff screen");
        staffStage.setScene(new Scene(staffRoot, 1280, 800));
        staffStage.getScene().getStylesheets().add(css);

        AtomicReference<SessionState> pending = new AtomicReference<>();
        Runnable renderPending = () -> {
            SessionState s = pending.getAndSet(null);
            if (s != null) {
                citizen.render(s);
                staff.render(s);
                staffPanel.render(s);
            }
        };
        runtime.store().addListener((previous, current) -> {
            if (pending.getAndSet(current) == null) {
                Platform.runLater(renderPending);
            }
        });
        SessionState initial = runtime.store().state();
        citizen.render(initial);
        staff.render(initial);
        staffPanel.render(initial);

        place(citizenStage, staffStage);
        citizenStage.setOnCloseRequest(e -> Platform.exit());
        staffStage.setOnCloseRequest(e -> Platform.exit());
        citizenStage.show();
        staffStage.show();
    }

    private void place(Stage citizen, Stage staff) {
        List<Screen> screens = Screen.getScreens();
        Screen primary = Screen.getPrimary();
        citizen.setFullScreenExitHint("");
        citizen.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        if (screens.size() >= 2) {
            Screen second = screens.stream().filter(s -> !s.equals(primary)).findFirst().orElseThrow();
            moveTo(citizen, primary.getBounds());
            citizen.setFullScreen(true);
            moveTo(staff, second.getBounds());
            staff.setFullScreenExitHint("");
            staff.setFullScreen(true);
        } else {
            Rectangle2D b = primary.getVisualBounds();
            citizen.setX(b.getMinX());
            citizen.setY(b.getMinY());
            if (runtime.config().fullScreen()) {
                citizen.setFullScreen(true);
            }
            staff.setX(Math.max(b.getMinX(), b.getMaxX() - staff.getScene().getWidth()));
            staff.setY(Math.max(b.getMinY(), b.getMaxY() - staff.getScene().getHeight() - 40));
        }
    }

    private static void moveTo(Stage stage, Rectangle2D bounds) {
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
    }

    public Stage citizenStage() {
        return citizenStage;
    }

    public Stage staffStage() {
        return staffStage;
    }

    @Override
    public void stop() {
        runtime.close();
    }
}

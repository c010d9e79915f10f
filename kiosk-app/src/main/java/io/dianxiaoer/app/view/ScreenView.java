package io.dianxiaoer.app.view;

import io.dianxiaoer.core.event.LanguageSelected;
import io.dianxiaoer.core.event.UserActivity;
import io.dianxiaoer.core.session.Capability;
import io.dianxiaoer.core.session.SessionState;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One rendering of the session: the header, the current page and the idle countdown. The citizen
 * screen and the staff screen each own one, so both always show the same page.
 *
 * <p>FX thread only. Any touch, click or key on it counts as activity and restarts the idle clock.
 */
public final class ScreenView {

    private static final java.time.format.DateTimeFormatter DATE = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE;

    private final PageContext context;
    private final StackPane root = new StackPane();
    private final StackPane pageHolder = new StackPane();
    private final Map<Pages, Pages.Loaded> loaded = new EnumMap<>(Pages.class);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Button language = new Button();
    private final VBox countdown = new VBox(18);
    private final Label countdownText = new Label();
    private final Label notice = new Label();
    private final Label services = new Label();
    private final Button continueButton = new Button();
    private Pages current;
    private SessionState lastState;

    public ScreenView(PageContext context, String id) {
        this.context = context;
        root.setId(id);
        root.getStyleClass().add("screen");

        title.getStyleClass().add("app-title");
        subtitle.getStyleClass().add("app-subtitle");
        VBox titles = new VBox(2, title, subtitle);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        language.getStyleClass().add("language-button");
        language.setId("languageButton");
        language.setOnAction(e -> context.store().dispatch(
                new LanguageSelected(lastState.language().other(), context.clock().instant())));
        HBox header = new HBox(16, titles, spacer, language);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);

        pageHolder.getStyleClass().add("page-holder");
        notice.setId("noticeBanner");
        notice.getStyleClass().add("notice-banner");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setVisible(false);
        notice.managedProperty().bind(notice.visibleProperty());
        BorderPane frame = new BorderPane(pageHolder);
        services.setId("servicesBanner");
        services.getStyleClass().add("services-banner");
        services.setWrapText(true);
        services.setMaxWidth(Double.MAX_VALUE);
        services.setVisible(false);
        services.managedProperty().bind(services.visibleProperty());
        frame.setTop(new VBox(header, notice, services));

        countdownText.getStyleClass().add("countdown-text");
        countdownText.setId("countdownText");
        countdownText.setWrapText(true);
        continueButton.getStyleClass().add("primary-button");
        continueButton.setId("continueButton");
        continueButton.setOnAction(e -> context.store().dispatch(new UserActivity(context.clock().instant())));
        countdown.getChildren().addAll(countdownText, continueButton);
        countdown.setAlignment(Pos.CENTER);
        countdown.getStyleClass().add("countdown");
        countdown.setMaxSize(760, 300);
        countdown.setVisible(false);
        StackPane overlay = new StackPane(countdown);
        overlay.getStyleClass().add("countdown-scrim");
        overlay.visibleProperty().bind(countdown.visibleProperty());
        overlay.setPickOnBounds(true);

        root.getChildren().addAll(frame, overlay);
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> activity());
        root.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> activity());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> activity());
    }

    private void activity() {
        context.store().dispatch(new UserActivity(context.clock().instant()));
    }

    public Parent root() {
        return root;
    }

    /** Shows {@code state}. FX thread only. */
    public void render(SessionState state) {
        lastState = state;
        var m = context.messages();
        title.setText(m.get(state.language(), "app.title"));
        subtitle.setText(m.get(state.language(), "app.subtitle"));
        language.setText(m.get(state.language(), "lang.switch"));

        Pages wanted = Pages.of(state.page());
        Pages.Loaded page = loaded.computeIfAbsent(wanted, p -> p.load(context));
        if (wanted != current) {
            if (current != null) {
                loaded.get(current).controller().hidden();
            }
            pageHolder.getChildren().setAll(page.root());
            current = wanted;
        }
        page.controller().render(state);

        notice.setVisible(state.notice().isPresent());
        state.notice().ifPresent(n -> notice.setText(m.get(state.language(), "notice." + n.kind(),
                n.date().map(d -> d.format(DATE)).orElse(""))));

        var withdrawn = Capability.unavailable(state);
        services.setVisible(!withdrawn.isEmpty());
        if (!withdrawn.isEmpty()) {
            services.setText(m.get(state.language(), "services.unavailable", withdrawn.stream()
                    .map(c -> m.get(state.language(), "capability." + c))
                    .collect(java.util.stream.Collectors.joining(m.get(state.language(), "services.separator")))));
        }

        boolean showCountdown = state.countdownVisible();
        countdown.setVisible(showCountdown);
        if (showCountdown) {
            countdownText.setText(m.get(state.language(), "countdown.text", state.countdownSeconds()));
            continueButton.setText(m.get(state.language(), "countdown.continue"));
        }
    }
}

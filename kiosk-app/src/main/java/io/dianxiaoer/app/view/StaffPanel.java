package io.dianxiaoer.app.view;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.event.EndSessionRequested;
import io.dianxiaoer.core.session.Language;
import io.dianxiaoer.core.session.SessionState;
import io.dianxiaoer.sim.HardwareSimulator;
import io.dianxiaoer.sim.idcard.TestIdentity;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The on-site helper's side panel on the staff screen: what the citizen is doing, the devices,
 * a button to end the session for them, and (on simulated hardware) the simulator's hands.
 * Always in Chinese: it speaks to staff, not to the citizen. FX thread only.
 */
public final class StaffPanel {

    private static final Language STAFF_LANGUAGE = Language.ZH;

    private final PageContext context;
    private final VBox root = new VBox(14);
    private final Label session = new Label();
    private final Label page = new Label();
    private final Label idle = new Label();
    private final Label lastEnd = new Label();
    private final VBox deviceRows = new VBox(6);

    public StaffPanel(PageContext context, Optional<HardwareSimulator> simulator) {
        this.context = context;
        var m = context.messages();
        root.setId("staffPanel");
        root.getStyleClass().add("staff-panel");
        Label heading = new Label(m.get(STAFF_LANGUAGE, "staff.title"));
        heading.getStyleClass().add("staff-heading");
        deviceRows.setId("staffDevices");
        Label devices = new Label(m.get(STAFF_LANGUAGE, "staff.devices"));
        devices.getStyleClass().add("staff-subheading");
        Button end = new Button(m.get(STAFF_LANGUAGE, "staff.end"));
        end.getStyleClass().add("staff-button");
        end.setOnAction(e -> context.store().dispatch(new EndSessionRequested(context.clock().instant())));
        root.getChildren().addAll(heading, session, page, idle, lastEnd, end, devices, deviceRows);
        simulator.ifPresent(this::addSimulatorControls);
    }

    private void addSimulatorControls(HardwareSimulator sim) {
        var m = context.messages();
        Label heading = new Label(m.get(STAFF_LANGUAGE, "staff.sim"));
        heading.getStyleClass().add("staff-subheading");
        ComboBox<TestIdentity> who = new ComboBox<>();
        who.setId("simIdentity");
        who.getItems().setAll(sim.identities().all());
        who.setCellFactory(list -> new IdentityCell());
        who.setButtonCell(new IdentityCell());
        who.getSelectionModel().selectFirst();
        Button place = new Button(m.get(STAFF_LANGUAGE, "staff.sim.place"));
        place.setId("simPlace");
        place.setOnAction(e -> sim.idcardReader().placeCard(who.getValue()));
        Button remove = new Button(m.get(STAFF_LANGUAGE, "staff.sim.remove"));
        remove.setId("simRemove");
        remove.setOnAction(e -> sim.idcardReader().removeCard());
        place.getStyleClass().add("staff-button");
        remove.getStyleClass().add("staff-button");
        Label control = new Label(sim.controlUrl());
        control.getStyleClass().add("staff-small");
        root.getChildren().addAll(heading, who, new HBox(10, place, remove), control);
    }

    private static final class IdentityCell extends ListCell<TestIdentity> {
        @Override
        protected void updateItem(TestIdentity item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label() + " · " + item.note());
        }
    }

    public Parent root() {
        return root;
    }

    public void render(SessionState state) {
        var m = context.messages();
        session.setText(m.get(STAFF_LANGUAGE, "staff.session") + "  #" + state.sessionNumber());
        page.setText(m.get(STAFF_LANGUAGE, "staff.page") + "  " + m.get(STAFF_LANGUAGE, "staff.page." + state.page()));
        idle.setText(m.get(STAFF_LANGUAGE, "staff.idle") + "  "
                + (state.isServing() ? state.countdownSeconds() + " s" : m.get(STAFF_LANGUAGE, "staff.idle.none")));
        lastEnd.setText(m.get(STAFF_LANGUAGE, "staff.lastEnd") + "  "
                + m.get(STAFF_LANGUAGE, "staff.lastEnd." + state.lastEndReason()));
        java.util.List<Label> rows = new java.util.ArrayList<>();
        for (String device : new java.util.TreeSet<>(state.devices().keySet())) {
            DeviceStatus s = state.deviceStatus(device);
            Label row = new Label(m.get(STAFF_LANGUAGE, "staff.device." + device) + "  " + m.get(STAFF_LANGUAGE, "status." + s));
            row.setId("staffDevice-" + device);
            row.getStyleClass().add(s.isUsable() ? "status-ok" : "status-bad");
            rows.add(row);
        }
        deviceRows.getChildren().setAll(rows);
    }
}

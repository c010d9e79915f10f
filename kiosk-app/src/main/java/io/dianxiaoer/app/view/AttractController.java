package io.dianxiaoer.app.view;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.core.session.Language;
import io.dianxiaoer.core.session.SessionState;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** The attract page: invites the next citizen to place the ID card, in both languages. */
public final class AttractController implements PageController {

    private final PageContext context;

    @FXML
    private Label welcome;
    @FXML
    private Label prompt;
    @FXML
    private Label promptOther;
    @FXML
    private Label hint;
    @FXML
    private Label readerStatus;

    public AttractController(PageContext context) {
        this.context = context;
    }

    @Override
    public void render(SessionState state) {
        Language lang = state.language();
        var m = context.messages();
        welcome.setText(m.get(lang, "attract.welcome"));
        prompt.setText(m.get(lang, "attract.prompt"));
        // The other language stays visible under the prompt: a visitor may not find the switch.
        promptOther.setText(m.get(lang.other(), "attract.prompt"));
        hint.setText(m.get(lang, "attract.hint"));
        DeviceStatus reader = state.deviceStatus("idcard");
        boolean usable = reader.isUsable();
        readerStatus.setVisible(!usable);
        readerStatus.setManaged(!usable);
        readerStatus.setText(reader == DeviceStatus.OPENING || reader == DeviceStatus.CLOSED
                ? m.get(lang, "attract.reader.connecting") : m.get(lang, "attract.reader.down"));
    }
}

package io.dianxiaoer.app.view;

import io.dianxiaoer.core.event.EndSessionRequested;
import io.dianxiaoer.core.event.PageRequested;
import io.dianxiaoer.core.session.Page;
import io.dianxiaoer.core.identity.IdentityDocument;
import io.dianxiaoer.core.session.Language;
import io.dianxiaoer.core.session.SessionState;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** The greeting after a card read: name, masked ID number, and the way out. */
public final class GreetingController implements PageController {

    private final PageContext context;

    @FXML
    private Label hello;
    @FXML
    private Label verified;
    @FXML
    private Label docKind;
    @FXML
    private Label idLabel;
    @FXML
    private Label idNumber;
    @FXML
    private Label next;
    @FXML
    private Label hint;
    @FXML
    private Button finish;
    @FXML
    private Button photograph;

    public GreetingController(PageContext context) {
        this.context = context;
    }

    @FXML
    private void onPhotograph() {
        context.store().dispatch(new PageRequested(Page.DOCUMENT_CAPTURE, context.clock().instant()));
    }

    @FXML
    private void onFinish() {
        context.store().dispatch(new EndSessionRequested(context.clock().instant()));
    }

    @Override
    public void render(SessionState state) {
        Language lang = state.language();
        var m = context.messages();
        IdentityDocument card = state.identity().orElse(null);
        if (card == null) {
            return; // the page is being replaced by the attract page
        }
        hello.setText(m.get(lang, "greeting.hello", card.displayName()));
        // Long foreign names get a smaller size so that they wrap onto two lines, not off the screen.
        hello.getStyleClass().remove("hello-long");
        if (card.displayName().length() > 16) {
            hello.getStyleClass().add("hello-long");
        }
        idNumber.setText(card.maskedNumber());
        verified.setText(m.get(lang, "greeting.verified"));
        docKind.setText(m.get(lang, "greeting.kind." + card.kind()));
        idLabel.setText(m.get(lang, "greeting.idLabel." + card.kind()));
        next.setText(m.get(lang, "greeting.next"));
        hint.setText(m.get(lang, "greeting.hint"));
        finish.setText(m.get(lang, "greeting.finish"));
        photograph.setText(m.get(lang, "greeting.photograph"));
        photograph.setDisable(!state.deviceStatus("doccam").isUsable());
    }
}

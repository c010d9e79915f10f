package io.dianxiaoer.app.view;

import io.dianxiaoer.core.session.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** One FXML file per page of the session, with its controller class. */
public enum Pages {
    ATTRACT(Page.ATTRACT, "attract.fxml", AttractController.class),
    GREETING(Page.GREETING, "greeting.fxml", GreetingController.class),
    DOCUMENT_CAPTURE(Page.DOCUMENT_CAPTURE, "document.fxml", DocumentCaptureController.class);

    private final Page page;
    private final String fxml;
    private final Class<? extends PageController> controller;

    Pages(Page page, String fxml, Class<? extends PageController> controller) {
        this.page = page;
        this.fxml = fxml;
        this.controller = controller;
    }

    public static Pages of(Page page) {
        for (Pages p : values()) {
            if (p.page == page) {
                return p;
            }
        }
        throw new IllegalArgumentException("no view for page " + page);
    }

    /** A loaded page: its node tree and its controller. */
    public record Loaded(Parent root, PageController controller) {
    }

    /** Loads a fresh instance; the controller gets the context through its constructor. */
    public Loaded load(PageContext context) {
        FXMLLoader loader = new FXMLLoader(Pages.class.getResource(fxml));
        loader.setControllerFactory(type -> {
            if (type != controller) {
                throw new IllegalStateException(fxml + " asks for controller " + type + ", expected " + controller);
            }
            try {
                return type.getConstructor(PageContext.class).newInstance(context);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type, e);
            }
        });
        try {
            Parent root = loader.load();
            return new Loaded(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}

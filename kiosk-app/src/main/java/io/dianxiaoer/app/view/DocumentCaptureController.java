package io.dianxiaoer.app.view;

import io.dianxiaoer.core.event.DocumentCaptured;
import io.dianxiaoer.core.event.PageRequested;
import io.dianxiaoer.core.session.Language;
import io.dianxiaoer.core.session.Page;
import io.dianxiaoer.core.session.SessionState;
import io.dianxiaoer.device.camera.Camera;
import io.dianxiaoer.device.camera.CameraFrame;
import io.dianxiaoer.device.camera.FrameSubscription;
import io.dianxiaoer.device.camera.StillImage;
import io.dianxiaoer.device.document.PageOutline;
import io.dianxiaoer.device.document.ProcessedPage;
import io.dianxiaoer.device.document.RetakeReason;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.Polygon;

/**
 * 拍摄材料: the live preview of the document camera with the page outline the pipeline finds,
 * a capture button, and the checked result.
 *
 * <p>Frames arrive on the camera subscription's thread; this controller converts the newest one
 * and hands it to the FX thread, coalesced, so a slow screen only skips frames. The still is cropped
 * and checked on the runtime's work pool; the result goes into the session as {@link DocumentCaptured},
 * so both screens show it and it vanishes with the visit. The preview is released when the page leaves.
 */
public final class DocumentCaptureController implements PageController {

    private final PageContext context;
    private final AtomicReference<PreviewFrame> pending = new AtomicReference<>();
    private final AtomicInteger painted = new AtomicInteger();
    private FrameSubscription subscription;
    private WritableImage image;
    private long fpsWindowStart;
    private int fpsShown;
    private DocumentCaptured shownDocument;
    private SessionState lastState;
    private volatile PageOutline lastOutline;

    @FXML
    private Label title;
    @FXML
    private Label hint;
    @FXML
    private ImageView preview;
    @FXML
    private Polygon outline;
    @FXML
    private Label previewInfo;
    @FXML
    private Button capture;
    @FXML
    private Button back;
    @FXML
    private ImageView result;
    @FXML
    private Label verdict;
    @FXML
    private Label advice;

    private record PreviewFrame(int width, int height, byte[] bgra, PageOutline outline) {
    }

    public DocumentCaptureController(PageContext context) {
        this.context = context;
    }

    @FXML
    private void onBack() {
        context.store().dispatch(new PageRequested(Page.GREETING, context.clock().instant()));
    }

    @FXML
    private void onCapture() {
        Optional<Camera> camera = context.services().documentCamera();
        if (camera.isEmpty()) {
            return;
        }
        capture.setDisable(true);
        Language lang = lastState.language();
        verdict.setText(context.messages().get(lang, "document.working"));
        CompletableFuture<StillImage> still = camera.get().captureStill();
        still.thenApplyAsync(this::check, context.services().work())
                .whenComplete((event, error) -> {
                    if (event != null) {
                        context.store().dispatch(event);
                    }
                    Platform.runLater(() -> {
                        capture.setDisable(false);
                        if (error != null) {
                            verdict.setText(context.messages().get(lastState.language(), "document.failed"));
                        }
                    });
                });
    }

    /** Crops and checks one still; runs on the work pool. */
    private DocumentCaptured check(StillImage still) {
        try {
            ProcessedPage page = context.services().documentPipeline().process(still);
            try {
                List<DocumentCaptured.RetakeAdvice> adviceList = page.quality().reasons().stream()
                        .map(r -> new DocumentCaptured.RetakeAdvice(r.name(), r.chinese(), r.english())).toList();
                return new DocumentCaptured("doccam", page.jpeg(), page.width(), page.height(), adviceList,
                        context.clock().instant());
            } finally {
                page.wipe();
            }
        } catch (io.dianxiaoer.device.document.DocumentException e) {
            RetakeReason none = RetakeReason.NO_PAGE;
            return new DocumentCaptured("doccam", new byte[0], 0, 0,
                    List.of(new DocumentCaptured.RetakeAdvice(none.name(), none.chinese(), none.english())),
                    context.clock().instant());
        } finally {
            still.wipe();
        }
    }

    @Override
    public void render(SessionState state) {
        lastState = state;
        Language lang = state.language();
        var m = context.messages();
        title.setText(m.get(lang, "document.title"));
        hint.setText(m.get(lang, "document.hint"));
        capture.setText(m.get(lang, "document.capture"));
        back.setText(m.get(lang, "document.back"));
        Optional<Camera> camera = context.services().documentCamera();
        boolean usable = camera.isPresent() && state.deviceStatus("doccam").isUsable();
        capture.setDisable(!usable);
        if (!usable) {
            previewInfo.setText(m.get(lang, "document.cameraDown"));
        }
        if (subscription == null && camera.isPresent()) {
            subscription = camera.get().addFrameListener(this::onFrame);
        }
        showResult(state, lang);
    }

    private void showResult(SessionState state, Language lang) {
        DocumentCaptured doc = state.lastDocument().orElse(null);
        if (doc == null) {
            result.setImage(null);
            verdict.setText("");
            advice.setText("");
            shownDocument = null;
            return;
        }
        if (doc != shownDocument) {
            byte[] jpeg = doc.jpeg();
            result.setImage(jpeg.length == 0 ? null : new Image(new ByteArrayInputStream(jpeg)));
            shownDocument = doc;
        }
        var m = context.messages();
        verdict.setText(m.get(lang, doc.acceptable() ? "document.good" : "document.retake"));
        verdict.getStyleClass().removeAll("verdict-good", "verdict-retake");
        verdict.getStyleClass().add(doc.acceptable() ? "verdict-good" : "verdict-retake");
        advice.setText(String.join("\n", doc.retakeAdvice().stream()
                .map(a -> lang == Language.ZH ? a.chinese() : a.english()).toList()));
    }

    /** Camera subscription thread: convert, find the page, hand over the newest frame. */
    private void onFrame(CameraFrame frame) {
        byte[] bgra = new byte[frame.width() * frame.height() * 4];
        frame.writeBgra(bgra);
        // Finding the page costs more than painting: every third frame is enough for a steady outline.
        PageOutline found = lastOutline;
        if (found == null || frame.sequence() % 3 == 0) {
            found = context.services().documentPipeline().locate(frame);
            lastOutline = found;
        }
        if (pending.getAndSet(new PreviewFrame(frame.width(), frame.height(), bgra, found)) == null) {
            Platform.runLater(this::paint);
        }
    }

    private void paint() {
        PreviewFrame f = pending.getAndSet(null);
        if (f == null || subscription == null) {
            return;
        }
        if (image == null || (int) image.getWidth() != f.width() || (int) image.getHeight() != f.height()) {
            image = new WritableImage(f.width(), f.height());
            preview.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteBgraPreInstance(),
                f.bgra(), 0, f.width() * 4);
        double scale = preview.getFitWidth() / f.width();
        outline.getPoints().clear();
        f.outline().corners().ifPresent(q -> {
            for (int i = 0; i < 4; i++) {
                outline.getPoints().addAll(q.x(i) * scale, q.y(i) * scale);
            }
        });
        painted.incrementAndGet();
        long now = System.nanoTime();
        if (now - fpsWindowStart >= 1_000_000_000L) {
            fpsShown = painted.getAndSet(0);
            fpsWindowStart = now;
            if (lastState != null && lastState.deviceStatus("doccam").isUsable()) {
                previewInfo.setText(context.messages().get(lastState.language(), "document.fps", fpsShown));
            }
        }
    }

    /** Frames painted on this screen in the last whole second. */
    public int previewFps() {
        return fpsShown;
    }

    @Override
    public void hidden() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        pending.set(null);
        preview.setImage(null);
        image = null;
        result.setImage(null);
        shownDocument = null;
        outline.getPoints().clear();
        lastOutline = null;
    }
}

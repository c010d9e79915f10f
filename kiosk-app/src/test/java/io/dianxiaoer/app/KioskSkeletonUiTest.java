package io.dianxiaoer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.core.event.DeviceStatus;
import io.dianxiaoer.sim.idcard.SamReaderSimulator;
import io.dianxiaoer.sim.idcard.TestIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The walking skeleton, headless: the production SAM driver reads cards from the simulator over
 * loopback TCP, and both stages are checked for what a citizen and a helper would see.
 */
class KioskSkeletonUiTest {

    private static final long WAIT_S = 15;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
    private final FxRobot robot = new FxRobot();
    private KioskRuntime runtime;
    private KioskApplication app;
    private SamReaderSimulator reader;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @BeforeEach
    void start() throws Exception {
        runtime = KioskRuntime.start(KioskConfig.defaults().withSimPorts(0, 0), clock);
        reader = runtime.simulator().orElseThrow().idcardReader();
        app = (KioskApplication) FxToolkit.setupApplication(() -> new KioskApplication(runtime));
        waitUntil("reader ready", () -> runtime.store().state().deviceStatus("idcard") == DeviceStatus.READY);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        runtime.close();
    }

    private TestIdentity identity(String key) {
        return runtime.simulator().orElseThrow().identities().get(key).orElseThrow();
    }

    @Test
    void cardOnTheReaderGreetsOnBothScreensAndTakingItAwayReturnsToAttract() {
        bothShowAttract();

        reader.placeCard(identity("wang-fang"));
        waitUntil("both screens greet", () -> both(s -> text(s, "#hello")).equals(List.of("您好，王芳", "您好，王芳")));
        assertThat(both(s -> text(s, "#idNumber"))).containsOnly("3101**********048X");
        assertThat(both(s -> visible(s, "#greetingPage"))).containsOnly(true);
        assertThat(allTexts()).noneMatch(t -> t.contains("31010419901105048X"));

        reader.removeCard();
        bothShowAttract();
        assertThat(allTexts()).noneMatch(t -> t.contains("王芳"));
        assertThat(runtime.store().state().identity()).isEmpty();
    }

    @Test
    void idleTimeoutShowsACountdownForTheLast15SecondsThenWipesBothScreens() {
        reader.placeCard(identity("li-xiuying"));
        waitUntil("greeting", () -> both(s -> text(s, "#hello")).equals(List.of("您好，李秀英", "您好，李秀英")));
        assertThat(both(s -> visible(s, "#countdownText"))).containsOnly(false);

        clock.advance(Duration.ofSeconds(46));
        waitUntil("countdown on both", () -> both(s -> visible(s, "#countdownText")).equals(List.of(true, true)));
        assertThat(both(s -> text(s, "#countdownText"))).allMatch(t -> t.startsWith("14 秒后"));

        clock.advance(Duration.ofSeconds(15));
        bothShowAttract();
        assertThat(allTexts()).noneMatch(t -> t.contains("李秀英"));
    }

    @Test
    void touchingContinueKeepsTheSession() {
        reader.placeCard(identity("zhang-wei"));
        waitUntil("greeting", () -> text(app.citizenStage(), "#hello").equals("您好，张伟"));
        clock.advance(Duration.ofSeconds(50));
        waitUntil("countdown", () -> visible(app.citizenStage(), "#countdownText"));

        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#continueButton")));
        waitUntil("countdown gone", () -> both(s -> visible(s, "#countdownText")).equals(List.of(false, false)));
        clock.advance(Duration.ofSeconds(30));
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        assertThat(text(app.staffStage(), "#hello")).isEqualTo("您好，张伟");
    }

    @Test
    void languageSwitchOnTheCitizenScreenShowsEnglishOnBoth() {
        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#languageButton")));
        waitUntil("english prompt", () -> both(s -> text(s, "#prompt"))
                .equals(List.of("Please place your ID card on the reader below",
                        "Please place your ID card on the reader below")));
        assertThat(both(s -> text(s, "#promptOther"))).containsOnly("请将身份证放在下方读卡区");

        reader.placeCard(identity("ayigul"));
        waitUntil("english greeting", () -> both(s -> text(s, "#hello"))
                .equals(List.of("Hello, 阿依古丽·买买提", "Hello, 阿依古丽·买买提")));

        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#finish")));
        bothShowAttract();
        assertThat(both(s -> text(s, "#prompt"))).containsOnly("请将身份证放在下方读卡区");
    }

    @Test
    void anExpiredCardIsRefusedWithItsDateOnBothScreens() {
        reader.placeCard(identity("chen-jianguo"));
        waitUntil("notice on both", () -> both(s -> visible(s, "#noticeBanner")).equals(List.of(true, true)));
        assertThat(both(s -> text(s, "#noticeBanner"))).allMatch(t -> t.contains("已于 2025-01-01 过期"));
        assertThat(both(s -> visible(s, "#attractPage"))).containsOnly(true);
        assertThat(runtime.store().state().identity()).isEmpty();
        assertThat(allTexts()).noneMatch(t -> t.contains("陈建国"));

        clock.advance(Duration.ofSeconds(11));
        waitUntil("notice gone", () -> both(s -> visible(s, "#noticeBanner")).equals(List.of(false, false)));
    }

    @Test
    void residencePermitsAndForeignersCardsAreGreetedToo() {
        reader.placeCard(identity("chan-tai-man"));
        waitUntil("permit greeting", () -> both(s -> text(s, "#hello")).equals(List.of("您好，陈大文", "您好，陈大文")));
        assertThat(both(s -> text(s, "#idNumber"))).containsOnly("8100**********0110");
        assertThat(both(s -> text(s, "#docKind"))).containsOnly("港澳台居民居住证");
        reader.removeCard();
        bothShowAttract();

        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#languageButton")));
        reader.placeCard(identity("emma-mueller"));
        waitUntil("foreigner greeting", () -> both(s -> text(s, "#hello")).equals(
                List.of("Hello, MUELLER, EMMA KATHARINA ELISABETH VON HOHEN",
                        "Hello, MUELLER, EMMA KATHARINA ELISABETH VON HOHEN")));
        assertThat(both(s -> text(s, "#idLabel"))).containsOnly("Card number");
        assertThat(both(s -> text(s, "#idNumber"))).containsOnly("9312**********0103");
    }

    @Test
    void aCardPulledAwayMidReadTellsTheCitizenToHoldItStill() {
        reader.failNextReads(0x41, 1);
        reader.placeCard(identity("zhang-wei"));
        waitUntil("greeting after the retry", () -> text(app.citizenStage(), "#hello").equals("您好，张伟"));
        // the notice was shown and a good read cleared it
        assertThat(both(s -> visible(s, "#noticeBanner"))).containsOnly(false);
    }

    @Test
    void anUnpluggedLockerWithdrawsOnlyTheLockerAndBothScreensSaySo() {
        var locker = runtime.simulator().orElseThrow().locker();
        waitUntil("locker ready", () -> text(app.staffStage(), "#staffDevice-locker").contains("正常"));
        // (the passport reader may be withdrawn here: no pcscd in a test JVM; the locker is not, once settled)
        waitUntil("locker offered", () -> both(s -> text(s, "#servicesBanner")).stream().noneMatch(t -> t.contains("文件柜")));

        locker.setFault(io.dianxiaoer.sim.locker.LockerFault.UNPLUGGED);
        waitUntil("locker withdrawn on both", () -> both(s -> visible(s, "#servicesBanner")).equals(List.of(true, true))
                && both(s -> text(s, "#servicesBanner")).stream().allMatch(t -> t.contains("智能文件柜")));
        assertThat(both(s -> text(s, "#servicesBanner"))).allMatch(t -> t.contains("智能文件柜") && !t.contains("刷身份证"));
        assertThat(text(app.staffStage(), "#staffDevice-locker")).contains("离线");

        reader.placeCard(identity("zhang-wei"));
        waitUntil("the ID card still works", () -> text(app.citizenStage(), "#hello").equals("您好，张伟"));

        locker.setFault(io.dianxiaoer.sim.locker.LockerFault.NONE);
        waitUntil("locker back", () -> both(s -> text(s, "#servicesBanner")).stream().noneMatch(t -> t.contains("文件柜")));
    }

    @Test
    void theCitizenPhotographsADocumentWithALivePreviewAndBothScreensShowTheCheck() {
        var sim = runtime.simulator().orElseThrow();
        var scenes = new io.dianxiaoer.sim.camera.CameraScenes(
                io.dianxiaoer.sim.HardwareSimulator.DOCUMENT_CAMERA_WIDTH, io.dianxiaoer.sim.HardwareSimulator.DOCUMENT_CAMERA_HEIGHT);
        sim.documentCamera().show(scenes.picture("form-good").orElseThrow());
        waitUntil("document camera ready", () -> runtime.store().state().deviceStatus("doccam").isUsable());
        reader.placeCard(identity("zhang-wei"));
        waitUntil("greeting", () -> text(app.citizenStage(), "#hello").equals("您好，张伟"));

        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#photograph")));
        waitUntil("camera page on both", () -> both(s -> visible(s, "#documentPage")).equals(List.of(true, true)));
        // the live preview paints on both screens (the rate itself is measured, not asserted)
        waitUntil("preview painting", () -> both(s -> text(s, "#previewInfo")).stream().allMatch(t -> t.contains("帧/秒")));

        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#capture")));
        waitUntil("good verdict on both", () -> both(s -> text(s, "#verdict")).equals(
                List.of("照片清晰完整，可以使用", "照片清晰完整，可以使用")));
        assertThat(runtime.store().state().lastDocument().orElseThrow().acceptable()).isTrue();

        sim.documentCamera().show(scenes.picture("form-blurred").orElseThrow());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        waitUntil("capture enabled again", () -> fx(() -> !app.citizenStage().getScene().lookup("#capture").isDisabled()));
        robot.clickOn(fx(() -> app.citizenStage().getScene().lookup("#capture")));
        waitUntil("retake on both", () -> both(s -> text(s, "#verdict")).equals(List.of("请重拍：", "请重拍：")));
        assertThat(both(s -> text(s, "#advice"))).allMatch(t -> t.contains("照片模糊"));

        reader.removeCard();
        bothShowAttract();
        assertThat(runtime.store().state().lastDocument()).isEmpty();
    }

    @Test
    void theStaffScreenSaysWhenTheReaderIsUnplugged() {
        reader.setFault(io.dianxiaoer.sim.idcard.SamFault.UNPLUGGED);
        waitUntil("offline shown", () -> visible(app.citizenStage(), "#readerStatus")
                && text(app.staffStage(), "#staffDevice-idcard").contains("离线"));
        assertThat(text(app.citizenStage(), "#readerStatus")).contains("读卡器暂时不可用");

        reader.setFault(io.dianxiaoer.sim.idcard.SamFault.NONE);
        waitUntil("ready again", () -> text(app.staffStage(), "#staffDevice-idcard").contains("正常")
                && !visible(app.citizenStage(), "#readerStatus"));
    }

    private void bothShowAttract() {
        waitUntil("attract on both", () -> both(s -> visible(s, "#attractPage")).equals(List.of(true, true))
                && both(s -> text(s, "#prompt")).equals(List.of("请将身份证放在下方读卡区", "请将身份证放在下方读卡区")));
    }

    private <T> List<T> both(Function<Stage, T> f) {
        return fx(() -> List.of(f.apply(app.citizenStage()), f.apply(app.staffStage())));
    }

    /** The text of the node, or "" when it is not on the stage's current page. */
    private static String text(Stage stage, String selector) {
        return fx(() -> {
            Node n = stage.getScene().lookup(selector);
            return n instanceof Labeled l && n.getScene() != null ? l.getText() : "";
        });
    }

    private static boolean visible(Stage stage, String selector) {
        return fx(() -> {
            Node n = stage.getScene().lookup(selector);
            if (n == null) {
                return false;
            }
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    private List<String> allTexts() {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            collect(app.citizenStage().getScene().getRoot(), out);
            collect(app.staffStage().getScene().getRoot(), out);
            return out;
        });
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String onFxOrNothing() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                    .map(w -> String.valueOf(w.getScene().lookup("#servicesBanner") instanceof Labeled l ? l.getText() : "-"))
                    .toList().toString()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "FX thread not answering: " + e;
        }
    }

    private static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what + " (state: " + onFxOrNothing() + ")");
        }
    }
}

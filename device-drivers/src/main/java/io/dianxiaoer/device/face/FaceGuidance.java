package io.dianxiaoer.device.face;

/**
 * What the citizen is asked to do when a frame fails a quality gate, in the words a clerk would say
 * (Chinese first, English for foreign visitors). The UI shows and may speak {@link #zh()} /
 * {@link #en()}; the enum name is the stable key.
 */
public enum FaceGuidance {
    NO_FACE("请看向屏幕，把脸放在框内", "Please look at the screen and bring your face into the frame"),
    MORE_THAN_ONE_FACE("只允许一人入镜，请其他人稍微让开", "Only one person at a time, please — others step aside"),
    TOO_FAR("请靠近一点", "Please come a little closer"),
    TOO_CLOSE("请稍微后退一点", "Please step back a little"),
    NOT_CENTRED("请正对屏幕，把脸放在框的中间", "Please face the screen and keep your face in the middle"),
    BLURRED("请保持不动", "Please hold still"),
    TOO_DARK("光线太暗，请靠近一点或抬起头", "It is too dark — please come closer or raise your head"),
    TOO_BRIGHT("光线太亮，请避开强光", "It is too bright — please move out of the glare"),
    BLINK("请眨一下眼睛", "Please blink once"),
    HOLD_STILL_DONE("好的，请稍等", "Thank you, one moment please");

    private final String zh;
    private final String en;

    FaceGuidance(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}

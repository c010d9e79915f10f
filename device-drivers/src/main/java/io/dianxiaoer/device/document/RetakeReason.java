package io.dianxiaoer.device.document;

/**
 * Why a page picture should be taken again, in plain words for the citizen (Chinese and English).
 * The order is the order of importance: show the first one when there is room for one.
 */
public enum RetakeReason {
    NO_PAGE("没有找到材料，请把材料平放在拍摄区内",
            "No document found: lay it flat inside the capture area."),
    PAGE_CUT_OFF("材料没有完整拍到，请把整页移到拍摄区内",
            "Part of the page is outside the picture: move the whole page into the capture area."),
    BLURRED("照片模糊，请放平材料、保持不动后重拍",
            "The picture is blurred: keep the page flat and still, then take it again."),
    TOO_DARK("光线太暗，请打开照明或移到亮处后重拍",
            "Too dark: turn the light on, then take it again."),
    TOO_BRIGHT("曝光过度，内容看不清，请减弱光线后重拍",
            "Over-exposed, the content is washed out: reduce the light, then take it again."),
    GLARE("材料上有反光，请调整角度或遮挡强光后重拍",
            "Glare on the page: tilt it or shade the light, then take it again."),
    UNEVEN_LIGHT("材料上有阴影，请移开遮挡物后重拍",
            "A shadow lies on the page: move away what casts it, then take it again.");

    private final String chinese;
    private final String english;

    RetakeReason(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}

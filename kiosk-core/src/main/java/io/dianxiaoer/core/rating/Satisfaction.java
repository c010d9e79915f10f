package io.dianxiaoer.core.rating;

import io.dianxiaoer.core.text.LocalizedText;

/** The five levels of 好差评, as the national evaluation system names them. */
public enum Satisfaction {
    VERY_DISSATISFIED(1, "非常不满意", "Very dissatisfied"),
    DISSATISFIED(2, "不满意", "Dissatisfied"),
    FAIR(3, "基本满意", "Fairly satisfied"),
    SATISFIED(4, "满意", "Satisfied"),
    VERY_SATISFIED(5, "非常满意", "Very satisfied");

    private final int stars;
    private final LocalizedText label;

    Satisfaction(int stars, String zh, String en) {
        this.stars = stars;
        this.label = LocalizedText.of(zh, en);
    }

    public int stars() {
        return stars;
    }

    public LocalizedText label() {
        return label;
    }

    /** 差评: one or two stars. Such a rating must say why, and the department must follow it up. */
    public boolean isBad() {
        return stars <= 2;
    }

    /** @throws IllegalArgumentException unless 1..5 */
    public static Satisfaction ofStars(int stars) {
        for (Satisfaction s : values()) {
            if (s.stars == stars) {
                return s;
            }
        }
        throw new IllegalArgumentException("a rating has 1 to 5 stars, not " + stars);
    }
}

package io.dianxiaoer.core.event;

/** Something a person did on a screen. */
public sealed interface UserEvent extends SessionEvent permits UserActivity, LanguageSelected, EndSessionRequested,
        PageRequested {
}

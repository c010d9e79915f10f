package io.dianxiaoer.core.event;

/**
 * A change that the PC/SC reader watcher saw: a reader appeared or went away, a card was put on a
 * reader or taken off. Carries the reader's name (a device, not personal data) and nothing read
 * from the card.
 */
public sealed interface SmartCardEvent extends DeviceEvent
        permits SmartCardReaderAttached, SmartCardReaderDetached, SmartCardInserted, SmartCardRemoved {

    /** The PC/SC reader name, e.g. {@code Virtual PCD 00 00}. */
    String reader();
}

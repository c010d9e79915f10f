package io.dianxiaoer.device.locker;

/**
 * Every wire constant of the RS-485 "8A/80" lock-control board family, in one place, and the frame
 * encoders. See {@code shared/design/protocols.md} and {@code docs/devices.md}.
 *
 * <pre>
 * open one lock      8A BB LL 11 CS          reply 8A BB LL SS CS
 * read one lock      80 BB LL 33 CS          reply 80 BB LL SS CS
 * read a whole board 80 BB 00 33 CS          reply 80 BB H1..Hn 33 CS
 *                                            or, on a board with item sensors (configured as such),
 *                                                  80 BB H1..Hn P1..Pn 33 CS
 * </pre>
 *
 * BB board address (DIP switches), LL lock 1..n, SS the hook state of that lock ({@code 00} or
 * {@code 11}, which one means "closed" depends on the wiring: {@link HookPolarity}); CS the XOR of
 * every byte before it. Hn and Pn are bitmaps, {@code n = ceil(locks / 8)}: H1 bit 0 is lock 1,
 * H1 bit 7 lock 8, H2 bit 0 lock 9 …; Pn likewise, bit set = an item is present. Stateless.
 */
public final class LockerProtocol {

    private LockerProtocol() {
    }

    public static final int OPEN_HEAD = 0x8A;
    public static final int READ_HEAD = 0x80;
    public static final int OPEN_FUNCTION = 0x11;
    public static final int READ_FUNCTION = 0x33;
    /** The trailer byte of a whole-board reply (the read function echoed). */
    public static final int BOARD_TRAILER = 0x33;
    /** LL = 00 addresses every lock of the board. */
    public static final int ALL_LOCKS = 0x00;
    public static final int STATE_00 = 0x00;
    public static final int STATE_11 = 0x11;
    public static final int FRAME_LENGTH = 5;
    /** The largest board this driver accepts (8 bitmap bytes); the common ones have 8, 12, 16, 24, 48 or 50 locks. */
    public static final int MAX_LOCKS = 64;

    /** Bitmap bytes for a board of {@code locks} locks. */
    public static int bitmapBytes(int locks) {
        return (locks + 7) / 8;
    }

    /** Length of a whole-board reply. */
    public static int boardReplyLength(int locks, boolean presence) {
        return 4 + bitmapBytes(locks) * (presence ? 2 : 1);
    }

    public static byte[] openLock(int board, int lock) {
        return frame(OPEN_HEAD, board, lock, OPEN_FUNCTION);
    }

    public static byte[] readLock(int board, int lock) {
        return frame(READ_HEAD, board, lock, READ_FUNCTION);
    }

    public static byte[] readBoard(int board) {
        return frame(READ_HEAD, board, ALL_LOCKS, READ_FUNCTION);
    }

    /** A 5-byte frame {@code a b c d CS}. */
    public static byte[] frame(int a, int b, int c, int d) {
        byte[] f = {(byte) a, (byte) b, (byte) c, (byte) d, 0};
        f[4] = xor(f, 0, 4);
        return f;
    }

    /** A whole-board reply (for simulators and tests). */
    public static byte[] boardReply(int board, byte[] hooks, byte[] presence) {
        int n = hooks.length + (presence == null ? 0 : presence.length);
        byte[] f = new byte[4 + n];
        f[0] = (byte) READ_HEAD;
        f[1] = (byte) board;
        System.arraycopy(hooks, 0, f, 2, hooks.length);
        if (presence != null) {
            System.arraycopy(presence, 0, f, 2 + hooks.length, presence.length);
        }
        f[f.length - 2] = (byte) BOARD_TRAILER;
        f[f.length - 1] = xor(f, 0, f.length - 1);
        return f;
    }

    /** XOR of {@code b[from, to)}. */
    public static byte xor(byte[] b, int from, int to) {
        byte x = 0;
        for (int i = from; i < to; i++) {
            x ^= b[i];
        }
        return x;
    }

    static void checkAddress(int board, int lock) {
        if (board < 0 || board > 255) {
            throw new IllegalArgumentException("board address must be 0..255, got " + board);
        }
        if (lock < 1 || lock > MAX_LOCKS) {
            throw new IllegalArgumentException("lock must be 1.." + MAX_LOCKS + ", got " + lock);
        }
    }
}

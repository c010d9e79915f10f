package io.dianxiaoer.sync;

import io.dianxiaoer.core.wire.Applicant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic test submissions for technicians and tests: the same seed always gives the same
 * applicant (one of the fictional test identities of the hardware simulator), fields and attachment
 * bytes, and the seed travels in the field {@code testSeed}, so whoever finds a submission at the
 * intake can rebuild what the kiosk sent and compare bytes. Stateless.
 */
public final class TestSubmissions {

    /** Fictional people (hardware-sim's identities.json). */
    static final List<Applicant> PEOPLE = List.of(
            new Applicant("张伟", "310115198503120119"),
            new Applicant("李秀英", "310101195208200106"),
            new Applicant("王芳", "31010419901105048X"),
            new Applicant("赵桂兰", "31010619400101010X"),
            new Applicant("陈建国", "310105197002140114"));

    private static final String[] KINDS = {"ID_CARD_FRONT", "ID_CARD_BACK", "PHOTO", "PURCHASE_CONTRACT", "BANK_CARD"};

    private TestSubmissions() {
    }

    public static Outbox.NewSubmission create(long seed, int attachments, int attachmentBytes) {
        Applicant who = PEOPLE.get((int) Math.floorMod(seed, PEOPLE.size()));
        List<Outbox.NewAttachment> list = new ArrayList<>();
        for (int i = 0; i < attachments; i++) {
            list.add(new Outbox.NewAttachment(KINDS[i % KINDS.length], "image/jpeg", attachmentBytes(seed, i, attachmentBytes)));
        }
        return new Outbox.NewSubmission("SB-010", who, Map.of("testSeed", Long.toString(seed),
                "attachmentBytes", Integer.toString(attachmentBytes), "phone", "1380013" + String.format("%04d", Math.floorMod(seed, 10000)),
                "note", "测试申请 " + seed), list);
    }

    /** The bytes of attachment {@code index} of seed {@code seed}: a JPEG start marker, then seeded noise. */
    public static byte[] attachmentBytes(long seed, int index, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed * 31 + index).nextBytes(b);
        if (length >= 3) {
            b[0] = (byte) 0xFF;
            b[1] = (byte) 0xD8;
            b[2] = (byte) 0xFF;
        }
        return b;
    }
}

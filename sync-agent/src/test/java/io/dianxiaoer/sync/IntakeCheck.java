package io.dianxiaoer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dianxiaoer.intake.IntakeServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "exactly once, byte-identical" check shared by the crash and fault harnesses. */
final class IntakeCheck {

    private static final Logger log = LoggerFactory.getLogger(IntakeCheck.class);

    private IntakeCheck() {
    }

    /**
     * Every outbox submission is ACCEPTED with the intake's number, the intake has each exactly once, the
     * receipts in {@code shown} all exist, and every attachment at the intake equals what the kiosk sent
     * (rebuilt from the submission's test seed).
     */
    static void verifyExactlyOnce(IntakeServer server, Outbox outbox, Set<String> shown) throws Exception {
        List<Outbox.Status> all = outbox.all();
        assertThat(all).as("nothing left queued or rejected").allMatch(s -> s.state() == Outbox.State.ACCEPTED);
        Set<String> local = all.stream().map(Outbox.Status::localReceipt).collect(Collectors.toSet());
        assertThat(local).as("every receipt shown to a citizen survived the kills").containsAll(shown);

        List<IntakeServer.Accepted> accepted = server.inspector().submissions(AgentFixture.KIOSK);
        Map<String, Long> perReceipt = accepted.stream()
                .collect(Collectors.groupingBy(IntakeServer.Accepted::localReceipt, Collectors.counting()));
        assertThat(perReceipt.values()).as("each submission at the intake exactly once").allMatch(n -> n == 1);
        assertThat(perReceipt.keySet()).as("the intake has exactly the outbox's submissions").isEqualTo(local);
        Map<String, String> numbers = new HashMap<>();
        accepted.forEach(a -> numbers.put(a.localReceipt(), a.acceptanceNumber()));
        for (Outbox.Status s : all) {
            assertThat(s.acceptanceNumber()).hasValue(numbers.get(s.localReceipt()));
        }
        long attachments = 0;
        for (IntakeServer.Accepted a : accepted) {
            var fields = Outbox.JSON.readTree(a.fieldsJson());
            long seed = Long.parseLong(fields.get("testSeed").asText());
            int bytes = Integer.parseInt(fields.get("attachmentBytes").asText());
            var expected = TestSubmissions.create(seed, a.uploadIds().size(), bytes);
            assertThat(a.applicantIdNumber()).isEqualTo(expected.applicant().idNumber());
            for (int i = 0; i < a.uploadIds().size(); i++) {
                assertThat(server.inspector().attachment(AgentFixture.KIOSK, a.uploadIds().get(i)))
                        .as("attachment %d of %s", i, a.localReceipt())
                        .isEqualTo(expected.attachments().get(i).data());
                attachments++;
            }
        }
        log.info("verified {} submissions, {} attachments byte for byte", accepted.size(), attachments);
        System.out.printf("CHECK submissions=%d attachments=%d%n", accepted.size(), attachments);
    }

}

package io.dianxiaoer.sync;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The agent process the crash harness kills: opens the production {@link SyncAgent} from
 * {@code --key=value} settings, starts uploading the backlog, and enqueues a few test submissions at
 * random moments, printing {@code ENQUEUED <receipt>} after each enqueue has returned (that is the
 * moment a citizen would see the number). Runs until killed.
 */
public final class CrashWorker {

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        long seed = System.nanoTime();
        int enqueues = 3;
        for (String a : args) {
            String k = a.substring(2, a.indexOf('='));
            String v = a.substring(a.indexOf('=') + 1);
            if (k.equals("worker.seed")) {
                seed = Long.parseLong(v);
            } else if (k.equals("worker.enqueues")) {
                enqueues = Integer.parseInt(v);
            } else {
                settings.put(k, v);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        SyncAgent agent = SyncAgent.open(AgentConfig.load(null, settings, e -> null), Clock.systemUTC(), Map::of);
        agent.start();
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; i < enqueues; i++) {
            Thread.sleep(random.nextInt(150));
            long s = random.nextLong(1, Long.MAX_VALUE);
            Outbox.LocalReceipt r = agent.enqueue(TestSubmissions.create(s, random.nextInt(4), 1 + random.nextInt(96 * 1024)));
            System.out.println("ENQUEUED " + r.number());
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}

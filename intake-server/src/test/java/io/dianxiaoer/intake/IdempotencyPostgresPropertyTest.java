package io.dianxiaoer.intake;

import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The same idempotency property as {@link IdempotencyPropertyTest}, with the intake on a real PostgreSQL. */
class IdempotencyPostgresPropertyTest {

    private static LocalPostgres pg;
    private static IntakeServer server;

    @BeforeContainer
    static void start() throws Exception {
        pg = LocalPostgres.start();
        server = new IntakeServer(IntakeConfig.defaults().withDatabase(pg.jdbcUrl(), null, null), Clock.systemUTC(), "pg")
                .start(0);
    }

    @AfterContainer
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Provide
    Arbitrary<List<IdempotencyPropertyTest.Op>> sequences() {
        return IdempotencyPropertyTest.sequences();
    }

    @Property(tries = 25)
    void answersFollowTheIdempotencyRulesOnPostgresql(@ForAll("sequences") List<IdempotencyPropertyTest.Op> ops)
            throws Exception {
        IdempotencyPropertyTest.checkRules(server, ops);
    }
}

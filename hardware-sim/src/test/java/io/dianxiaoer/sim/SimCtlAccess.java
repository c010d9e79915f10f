package io.dianxiaoer.sim;

/** Lets tests in other packages call the package-private {@link SimCtl#run}. */
public final class SimCtlAccess {
    private SimCtlAccess() {
    }

    public static int run(String... args) {
        return SimCtl.run(args);
    }
}

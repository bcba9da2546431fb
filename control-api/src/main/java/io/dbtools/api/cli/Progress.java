package io.dbtools.api.cli;

import java.io.PrintStream;

/** A one-line progress bar, redrawn in place: {@code [#######.....]  42/100  3 failed}. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private final boolean redraw;

    /** @param redraw true on a terminal (redraw with \r); false writes a line every 10% for logs */
    Progress(PrintStream out, int total, boolean redraw) {
        this.out = out;
        this.total = total;
        this.redraw = redraw;
    }

    void update(int done, int failed) {
        if (!redraw && done != total && (done * 10 / Math.max(1, total)) == ((done - 1) * 10 / Math.max(1, total))) {
            return;
        }
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (failed > 0 ? "  " + failed + " failed" : "");
        out.print(redraw ? "\r" + bar : bar + System.lineSeparator());
        if (redraw && done == total) {
            out.println();
        }
        out.flush();
    }
}

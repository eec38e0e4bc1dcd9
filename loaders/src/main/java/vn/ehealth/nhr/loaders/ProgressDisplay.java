package vn.ehealth.nhr.loaders;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

/**
 * The progress bar of long loads and the {@code --no-progress} option every loader shares (a
 * picocli mixin: {@code @Mixin ProgressDisplay progress}). Switched off, the bar still counts but
 * draws nothing, so logs and CI output stay clean.
 */
public class ProgressDisplay {

    @Option(names = "--no-progress", description = "Do not draw a progress bar (for logs and CI).")
    boolean off;

    /** A bar for {@code task}; {@code max} < 0 when the total is not known yet (see ProgressBar#maxHint). */
    public ProgressBar start(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" " + unit, 1);
        if (off) {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
        }
        return builder.build();
    }
}

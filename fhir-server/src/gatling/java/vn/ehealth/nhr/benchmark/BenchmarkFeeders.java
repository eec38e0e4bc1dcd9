package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.FeederBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.gatling.javaapi.core.CoreDsl.csv;

/** The CSV feeders the data set-ups write ({@link BenchmarkClient#writeFeeder}), read back by the simulations. */
final class BenchmarkFeeders {

    private BenchmarkFeeders() {
    }

    /** {@code <dir>/<name>.csv}, rows drawn at random; {@code setup} names what writes it, for the error. */
    static FeederBuilder<String> random(Path dir, String name, String setup) {
        Path file = dir.resolve(name + ".csv").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run " + setup + " first");
        }
        return csv(file.toString()).random();
    }
}
